/**
 * Contrast of text where axe does not look (popovers drawn over the page): the worst WCAG ratio
 * of any element with its own text inside a scope, against the first opaque background behind it.
 */
import type { Locator } from '@playwright/test';

/** WCAG contrast of each text element inside `scope` against the popover's background. */
export async function contrastOf(scope: Locator): Promise<number> {
  return scope.evaluate((root) => {
    const channel = (c: number) => {
      const v = c / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    const luminance = (rgb: string) => {
      const [r, g, b] = rgb.match(/\d+(\.\d+)?/g)!.map(Number);
      return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
    };
    const background = (element: Element): string => {
      for (let node: Element | null = element; node; node = node.parentElement) {
        const colour = getComputedStyle(node).backgroundColor;
        if (!/rgba\(.*,\s*0\)$/.test(colour) && colour !== 'transparent') return colour;
      }
      return 'rgb(255, 255, 255)';
    };
    let worst = 21;
    for (const element of [root, ...root.querySelectorAll('*')]) {
      const own = [...element.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim());
      if (!own) continue;
      const a = luminance(getComputedStyle(element).color);
      const b = luminance(background(element));
      worst = Math.min(worst, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05));
    }
    return worst;
  });
}
