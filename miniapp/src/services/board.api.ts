import type { BoardView } from '@manyi/shared';

import { API_BASE } from './config';
import { request } from './request';

// 已办结: a street's public board (cloud, public — no login): closed concerns the reporter agreed to
// publish and staff approved, masked, with the street's three rates on the first page.

export function fetchBoard(street: string, cursor?: string): Promise<BoardView> {
  return request<BoardView>('/api/v1/board', { query: { street, cursor } });
}

/** A photo staff chose to show with a published case. */
export function boardPhotoUrl(photoId: number): string {
  return `${API_BASE}/api/v1/board/photos/${photoId}`;
}
