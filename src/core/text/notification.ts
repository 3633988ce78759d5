// Text for VS Code notifications that quote data (step names, failure reasons, table names): VS Code
// turns `[label](https:…|command:…|file:…)` in a notification into a clickable link, so data must not.
import { visibleText } from './visible';

/** U+2060 WORD JOINER: invisible, so the text reads the same, and no line break is allowed at it. */
const JOINER = '\u2060';

/** A notification message that shows data literally: line breaks as ↵, controls and bidi characters
 * as <U+XXXX>, and no `[…](…)` that VS Code would make a link (a word joiner splits `](`). */
export function notificationText(message: string): string {
  return visibleText(message.replace(/\r\n|\r|\n/g, ' ↵ ')).replace(/\]\(/g, `]${JOINER}(`);
}
