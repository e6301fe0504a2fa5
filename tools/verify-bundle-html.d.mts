// Types of verify-bundle-html.mjs for its test.
export const HTML_PATH: string;
export function renderVerifyHtml(): string;
