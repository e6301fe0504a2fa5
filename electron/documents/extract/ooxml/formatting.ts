import type { SaxesTagPlain } from 'saxes';
import type { Handled } from './generic';
import { localName } from './texty';

// Parts of formatting (styles, themes, fonts, web settings) are mostly names Office
// writes into every file, so only their text is read by default. A few of their
// attributes are names a person chose and can carry anything: a user-defined style's
// name and aliases (ECMA-376 §17.7.4.9, §17.7.4.1; `customStyle` marks it user-defined,
// §17.7.4.17), a workbook's own cell and table style names (builtinId absent, §18.8.7),
// a theme's and its schemes' names (§20.1.6.9 ff.), a web page frame's name (§17.15.2.31),
// and a number format's quoted text (below).

// The glossary document (building blocks, content controls' placeholders) has its own set (§17.12.1).
export const FORMATTING_PART = /^(word\/(glossary\/)?(styles|stylesWithEffects|fontTable|webSettings)\.xml|(word|xl|ppt)\/theme\/.*|xl\/styles\.xml)$/;

/** Office's own themes and schemes are all named Office…; any other name was given by someone. */
const OFFICE_NAME = /^Office(\s|$)/;
const THEME_ELEMENTS = new Set(['theme', 'clrScheme', 'fontScheme', 'fmtScheme']);

/** Units and date words Chinese number formats quote in every workbook (yyyy"年"m"月"). */
const FORMAT_WORDS = /[年月日时分秒星期周上下午元角万亿千百个度号\s\p{P}\p{S}]/gu;

/**
 * A number format shows its quoted literals in every cell it formats (ECMA-376 §18.8.31):
 * text there is text on the sheet. Literals that are only date and unit words are not.
 */
export function formatLiteral(code: string): boolean {
  const literals = [...code.matchAll(/"([^"]*)"|\\(.)/g)].map((m) => m[1] ?? m[2] ?? '').join('');
  return literals.replace(FORMAT_WORDS, '').length >= 2;
}

/** A fresh state per part: whether the style being read is user-defined. */
export function formattingHandled(part: string): Handled {
  const styles = /styles(WithEffects)?\.xml$/.test(part);
  let customStyle = false;
  let attrs: Record<string, unknown> = {};
  return {
    text: () => false,
    enter: (tag: SaxesTagPlain) => {
      if (tag.name === 'w:style') customStyle = ['1', 'true', 'on'].includes(String(tag.attributes['w:customStyle'] ?? ''));
      attrs = tag.attributes;
    },
    attribute: (element, attr) => {
      const el = localName(element);
      const a = localName(attr);
      // Handled means "nothing to report here"; false lets the generic walk report the value.
      if (el === 'aliases' && a === 'val') return false;
      if (el === 'name' && a === 'val') return styles ? !customStyle : false;
      if (THEME_ELEMENTS.has(el) && a === 'name') return OFFICE_NAME.test(String(attrs[attr] ?? ''));
      if ((el === 'cellStyle' && !('builtinId' in attrs)) || el === 'tableStyle') return a !== 'name';
      if (el === 'numFmt' && a === 'formatCode') return !formatLiteral(String(attrs[attr] ?? ''));
      return true;
    },
    known: (element, attr, value) => localName(element) === 'numFmt' && localName(attr) === 'formatCode' && formatLiteral(value),
  };
}
