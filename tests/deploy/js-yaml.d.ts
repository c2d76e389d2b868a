// js-yaml ships without types and @types/js-yaml is not installed: the two functions the manifest test uses.
declare module 'js-yaml' {
  export function load(text: string, options?: { filename?: string }): unknown;
  export function loadAll(text: string, iterator?: null, options?: { filename?: string }): unknown[];
}
