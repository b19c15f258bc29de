import type { Messages } from './types';

/**
 * Server error reasons shared by every capability (`errors.<reason>`, params interpolated).
 * A capability's own reasons live in its messages file under the same top-level `errors` key.
 */
export const errorMessages: Messages = {
  'zh-CN': {
    errors: {
      center: {
        required: '此用户不属于任何中心，而系统中有多个中心：请管理员为该用户设置所属中心',
        notFound: '中心 {{centerId}} 不存在',
      },
      input: {
        nulByte: '{{field}} 含有不可见的空字符 (NUL)，请删除后重试',
        badDate: '{{field}} 不是有效日期：{{value}}',
        dateOutOfRange: '{{field}} 超出允许范围（{{min}} 至 {{max}}）',
        conflict: '{{field}} 已被他人修改或已存在，请刷新后重试',
        duplicate: '“{{value}}”已存在，不能重复',
      },
      rateLimited: '尝试次数过多，请稍后再试',
      role: { agentOnly: '此操作只有关联了坐席档案的坐席可以进行', userRequired: '此操作需以用户身份登录后进行（网页或 API），命令行不能代办' },
    },
  },
  'zh-TW': {
    errors: {
      center: {
        required: '此使用者不屬於任何中心，而系統中有多個中心：請管理員為該使用者設定所屬中心',
        notFound: '中心 {{centerId}} 不存在',
      },
      input: {
        nulByte: '{{field}} 含有不可見的空字元 (NUL)，請刪除後重試',
        badDate: '{{field}} 不是有效日期：{{value}}',
        dateOutOfRange: '{{field}} 超出允許範圍（{{min}} 至 {{max}}）',
        conflict: '{{field}} 已被他人修改或已存在，請重新整理後重試',
        duplicate: '「{{value}}」已存在，不能重複',
      },
      rateLimited: '嘗試次數過多，請稍後再試',
      role: { agentOnly: '此操作只有關聯了坐席檔案的坐席可以進行', userRequired: '此操作需以使用者身分登入後進行（網頁或 API），命令列不能代辦' },
    },
  },
  en: {
    errors: {
      center: {
        required: "This user belongs to no center and there are several: an administrator must set the user's center",
        notFound: 'Center {{centerId}} does not exist',
      },
      input: {
        nulByte: '{{field}} contains an invisible NUL character; remove it and try again',
        badDate: '{{field}} is not a valid date: {{value}}',
        dateOutOfRange: '{{field}} is out of range ({{min}} to {{max}})',
        conflict: '{{field}} was changed by someone else or already exists; reload and try again',
        duplicate: '"{{value}}" already exists',
      },
      rateLimited: 'Too many attempts, please try again later',
      role: {
        agentOnly: 'Only an agent linked to an agent record can do this',
        userRequired: 'This needs a signed-in user (the web or the API); the command line cannot do it',
      },
    },
  },
};
