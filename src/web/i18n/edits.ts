import type { Messages } from './types';
import { nest } from './people';

/**
 * Changing and deleting setup records (issue 14): the archive words of the training screens and the
 * refusals of an edit or delete that would break what was built on the record.
 */
const T: Record<string, [string, string, string]> = {
  'edit.archive': ['归档', '歸檔', 'Archive'],
  'edit.unarchive': ['取消归档', '取消歸檔', 'Restore'],
  'edit.archived': ['已归档', '已歸檔', 'Archived'],
  'edit.close': ['结束', '結束', 'Close'],
  'edit.reopen': ['重新开放', '重新開放', 'Reopen'],
  'edit.editing': ['正在编辑：', '正在編輯：', 'Editing: '],
};

const ERR: Record<string, [string, string, string]> = {
  'people.courseArchived': ['课程“{{title}}”已归档，不能再排入计划或场次', '課程「{{title}}」已歸檔，不能再排入計畫或場次', 'course “{{title}}” is archived'],
  'people.courseHasSessions': [
    '该课程已有 {{count}} 个培训场次，不能删除，请改为归档',
    '該課程已有 {{count}} 個培訓場次，不能刪除，請改為歸檔',
    'this course has {{count}} session(s): archive it instead',
  ],
  'people.sessionHasAttendance': [
    '该场次已记录 {{count}} 名坐席的出勤，不能删除',
    '該場次已記錄 {{count}} 名坐席的出勤，不能刪除',
    'the attendance of {{count}} agent(s) is recorded for this session: it cannot be deleted',
  ],
  'people.questionArchived': ['题目 {{ids}} 已归档，不能用于新考试', '題目 {{ids}} 已歸檔，不能用於新考試', 'question {{ids}} is archived'],
  'people.questionInAttemptedExam': [
    '考试“{{exam}}”已有人作答并用到此题，不能修改或删除，请改为归档',
    '考試「{{exam}}」已有人作答並用到此題，不能修改或刪除，請改為歸檔',
    'exam “{{exam}}” has attempts that asked this question: archive it instead',
  ],
  'people.questionInExam': [
    '考试“{{exam}}”用到此题，请先从考试中移除',
    '考試「{{exam}}」用到此題，請先從考試中移除',
    'exam “{{exam}}” asks this question: take it out of the exam first',
  ],
  'people.examHasAttempts': [
    '该考试已有 {{count}} 次作答，不能再改题目、及格线、多选规则或认证队列，也不能删除；请归档后新建考试',
    '該考試已有 {{count}} 次作答，不能再改題目、及格線、多選規則或認證佇列，也不能刪除；請歸檔後新建考試',
    'this exam has {{count}} attempt(s): its questions, pass mark, policy and queue are kept and it cannot be deleted; archive it and make a new one',
  ],
  'people.examArchived': ['考试“{{title}}”已归档', '考試「{{title}}」已歸檔', 'exam “{{title}}” is archived'],
  'people.surveyHasAnswers': [
    '该问卷已有 {{count}} 份答卷，题目不能修改，问卷也不能删除（可以结束）',
    '該問卷已有 {{count}} 份答卷，題目不能修改，問卷也不能刪除（可以結束）',
    'this survey has {{count}} answer(s): its questions are kept and it cannot be deleted (close it instead)',
  ],
  'workorder.departmentHasOpenOrders': [
    '“{{name}}”还有 {{count}} 张未关闭的工单，不能删除',
    '「{{name}}」還有 {{count}} 張未關閉的工單，不能刪除',
    '“{{name}}” still holds {{count}} open work order(s): it cannot be deleted',
  ],
};

const build = (i: 0 | 1 | 2) => ({ ...nest(T, i), errors: nest(ERR, i) });

export const editMessages: Messages = { 'zh-CN': build(0), 'zh-TW': build(1), en: build(2) };
