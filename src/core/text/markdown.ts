// Data (names, comments, values from AWS, catalogs or a repository's files) placed inside Markdown
// that VS Code renders (hovers, tooltips): shown as the text it is, never as markup, links or HTML.
import { visibleText } from './visible';

/** Every ASCII punctuation character: CommonMark lets a backslash escape each of them. */
const PUNCTUATION = /[!-/:-@[-`{-~]/g;

/** Text that renders as itself in Markdown: punctuation escaped (no emphasis, link, HTML, heading,
 * list or table can start), controls and bidi characters shown as <U+XXXX>; line breaks are kept. */
export function markdownText(text: string): string {
  return visibleText(text, { keepLayout: true }).replace(PUNCTUATION, '\\$&');
}

/** A code span holding `text` literally: no backtick in it can close the span early, and it stays one line. */
export function markdownCode(text: string): string {
  const shown = visibleText(text);
  const ticks = '`'.repeat((shown.match(/`+/g) ?? []).reduce((n, run) => Math.max(n, run.length), 0) + 1);
  // CommonMark strips one space from each end when both are there: pad only when an end needs it.
  const pad = /^[` ]|[` ]$/.test(shown) || shown === '' ? ' ' : '';
  return `${ticks}${pad}${shown}${pad}${ticks}`;
}
