import { describe, expect, it } from 'vitest';
import { PLACE_LABELS, placeKind } from '../../../shared/documents';

// Every location the readers write names a kind of place with a Chinese label; text the
// generic walk alone found is 其他部分 (otherPart), named by its part.

describe('place kinds', () => {
  it.each([
    ['正文 第3段', 'body'],
    ['正文 第5段（隐藏文字）', 'hidden'],
    ['正文 第4段（修订：已删除的文字）', 'revision'],
    ['页眉1 第1段', 'headerFooter'],
    ['公示!A3（隐藏的行）', 'hiddenRowCol'],
    ['底稿!A1（隐藏的工作表）', 'hiddenSheet'],
    ['替代文字：word/document.xml（docPr descr）', 'altText'],
    ['数据验证：xl/worksheets/sheet1.xml（dataValidation prompt）', 'dataValidation'],
    ['其他部分：word/custom.xml（item）', 'otherPart'],
    ['嵌入文件“word/embeddings/a.xlsx”：S!A1', 'embedded'],
    ['表单域：第17号对象 /TU', 'formField'],
    ['书签：第26号对象 /Title', 'outline'],
    ['JavaScript（不执行）：第28号对象', 'javascript'],
    ['第1页 内容流（未经字符映射的文字）', 'rawText'],
    ['第1页 注释（Text）', 'annotation'],
    ['网页注释', 'webHidden'],
    ['JPEG 注释（COM）', 'metadata'],
    ['EXIF：UserComment', 'metadata'],
  ] as const)('%s → %s', (location, kind) => {
    expect(placeKind(location)).toBe(kind);
    expect(PLACE_LABELS[kind]).toMatch(/\p{Script=Han}/u);
  });
});
