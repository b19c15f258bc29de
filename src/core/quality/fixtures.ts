/** Test fixture template (used by the tests; also a readable example of the model). */
import type { ScorecardTemplate } from './template';

export function fixtureTemplate(fatalMode: 'zero' | 'flag' = 'zero'): ScorecardTemplate {
  return {
    id: 'tpl-basic',
    version: 1,
    name: '基本服務質檢表',
    fatalMode,
    sections: [
      {
        id: 'open',
        label: '開場',
        weight: 40,
        items: [
          {
            id: 'greet',
            label: '標準問候語',
            weight: 50,
            min: 0,
            max: 2,
            options: [
              { value: 0, label: '未做' },
              { value: 1, label: '部分' },
              { value: 2, label: '完整' },
            ],
            fatal: false,
            naAllowed: true,
          },
          { id: 'verify', label: '核實身份', weight: 50, min: 0, max: 1, fatal: false, naAllowed: true },
        ],
      },
      {
        id: 'biz',
        label: '業務處理',
        weight: 60,
        items: [
          { id: 'accuracy', label: '解答準確', weight: 70, min: 0, max: 4, fatal: false, naAllowed: true },
          { id: 'privacy', label: '洩露客戶資料', weight: 30, min: 0, max: 1, fatal: true, naAllowed: false },
        ],
      },
    ],
  };
}

/** Answers in template order: greet, verify, accuracy, privacy. */
export function answers(greet: number | null, verify: number | null, accuracy: number | null, privacy: number | null) {
  return [
    { itemId: 'greet', value: greet },
    { itemId: 'verify', value: verify },
    { itemId: 'accuracy', value: accuracy },
    { itemId: 'privacy', value: privacy },
  ];
}
