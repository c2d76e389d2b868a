// The h5 build's document set-up, done from the bundle rather than from inline scripts in index.html,
// so that it works under the service's Content-Security-Policy (script-src 'self').
//
// - Root font size: Taro writes every size in rem against a root font of 40px × width / 750
//   (20–40px). We set it the same way, scaled by the reader's default text size — which the phone's or
//   browser's font setting changes (16px is normal) — so the page respects the system font size.
// - Taro's tab bar items are `<a href="javascript:;">`, a navigation that a strict CSP refuses (and
//   reports). The tab switch itself is Taro's click handler; the no-op navigation is cancelled.

const DESIGN_WIDTH = 750;

/** The reader's default text size relative to 16px, between 1 and 2. */
export function readerTextScale(doc: Document = document): number {
  const probe = doc.createElement('div');
  probe.style.cssText = 'position:absolute;visibility:hidden;font-size:medium';
  doc.documentElement.appendChild(probe);
  const size = parseFloat(getComputedStyle(probe).fontSize);
  probe.remove();
  return size > 0 ? Math.min(Math.max(size / 16, 1), 2) : 1;
}

/** Taro's root size for a screen `width` px wide, times the reader's text scale. */
export function rootFontSize(width: number, textScale: number): number {
  const base = Math.min(Math.max((40 * width) / DESIGN_WIDTH, 20), 40);
  return base * textScale;
}

function applyRootFontSize(): void {
  const root = document.documentElement;
  const { width, height } = root.getBoundingClientRect();
  const shorter = Math.min(...[width, height].filter((side) => side > 0));
  root.style.fontSize = `${rootFontSize(Number.isFinite(shorter) ? shorter : DESIGN_WIDTH / 2, readerTextScale())}px`;
}

export function setUpH5Document(): void {
  if (typeof document === 'undefined') return;
  applyRootFontSize();
  window.addEventListener('resize', applyRootFontSize);
  document.addEventListener(
    'click',
    (event) => {
      const target = event.target instanceof Element ? event.target.closest('a[href^="javascript:"]') : null;
      if (target) event.preventDefault();
    },
    true,
  );
}
