/**
 * Accessibility attributes for the h5 build. Browsers and screen readers read `role`/`aria-*`;
 * Taro's weapp templates drop unknown attributes, so on weapp this returns nothing rather than
 * attributes that would only be discarded.
 */
export function a11y(role: string, attributes: Record<`aria-${string}`, string | boolean> = {}): Record<string, string | boolean> {
  return process.env.TARO_ENV === 'h5' ? { role, ...attributes } : {};
}
