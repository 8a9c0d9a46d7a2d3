// A step's narrative: Markdown rendered to HTML and sanitised (DOMPurify), so
// no raw HTML, script or event handler written into a narrative ever runs.
// Images are dropped (no requests to addresses written into a story).
import DOMPurify from 'dompurify';
import { marked } from 'marked';

export function renderMarkdown(text: string): string {
  const html = marked.parse(text, { async: false, gfm: true, breaks: true });
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['img', 'style', 'form', 'input', 'button', 'iframe'],
    FORBID_ATTR: ['style']
  });
}
