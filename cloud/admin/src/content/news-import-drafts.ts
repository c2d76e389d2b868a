import type { NewsBlock, NewsDraftView } from '@manyi/shared';

/*
 * The import preview's one-click corrections. The importer decides where one article ends and the
 * next begins from several signals and marks its close calls; the editor overrides it here before
 * saving: two drafts that are one article are joined, a draft that holds two is split at a subhead.
 */

/**
 * Joins the draft at `index` to the one before it: its title becomes a subhead there and its blocks
 * follow. The earlier draft's source and date win; a missing one is taken from the later draft.
 */
export function joinWithPrevious(drafts: readonly NewsDraftView[], index: number): NewsDraftView[] {
  const first = drafts[index - 1];
  const second = drafts[index];
  if (!first || !second) return [...drafts];
  const joined: NewsDraftView = {
    ...first,
    body: [...first.body, { type: 'subhead', text: second.title }, ...second.body],
    source: first.source ?? second.source,
    publishedAt: first.publishedAt ?? second.publishedAt,
    notes: [...first.notes, ...second.notes.filter((n) => n.kind !== 'start-guess')],
  };
  return [...drafts.slice(0, index - 1), joined, ...drafts.slice(index + 1)];
}

/**
 * Splits the draft at `index` at its subhead `blockIndex`: the subhead becomes the title of a new draft
 * holding the blocks after it, with the same street, source and date.
 */
export function splitAtSubhead(drafts: readonly NewsDraftView[], index: number, blockIndex: number): NewsDraftView[] {
  const draft = drafts[index];
  const subhead = draft?.body[blockIndex];
  if (!draft || subhead?.type !== 'subhead') return [...drafts];
  const before: NewsDraftView = {
    ...draft,
    body: draft.body.slice(0, blockIndex),
    notes: draft.notes.filter((n) => !(n.kind === 'subhead-guess' && n.text === subhead.text)),
  };
  const after: NewsDraftView = { ...draft, title: subhead.text, body: draft.body.slice(blockIndex + 1), notes: [] };
  return [...drafts.slice(0, index), before, after, ...drafts.slice(index + 1)];
}

/** Whether a draft can be saved as it is: it needs a paragraph of text. */
export const hasText = (body: readonly NewsBlock[]) => body.some((b) => b.type === 'paragraph');

/** What `POST /api/v1/admin/news` takes for a draft: the notes stay in the preview. */
export function draftRequest({ street, title, body, source, publishedAt }: NewsDraftView) {
  return { street, title, body, source, publishedAt };
}
