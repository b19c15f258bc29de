/** The words of OpenCC's zh-CN converter's dictionaries (see t2cn-marks.mjs). */
export function t2cnWords(): string[];
/** The characters one of which every word the zh-CN converter changes holds, sorted, as one string. */
export function t2cnMarks(): string;
