import type { CompoundView } from '@manyi/shared';
import { useEffect, useState } from 'react';
import { api } from '../api/endpoints';

/**
 * The compounds (小区) of a street, loaded when the street is known; empty until they arrive, and never
 * another street's list while a newly chosen street's is on its way. A failed load leaves it empty:
 * the pickers that use it show no options rather than an error of their own.
 */
export function useCompounds(streetCode: string | undefined): CompoundView[] {
  const [loaded, setLoaded] = useState<{ streetCode: string; items: CompoundView[] } | null>(null);
  useEffect(() => {
    if (!streetCode) return;
    let cancelled = false;
    api
      .compounds(streetCode)
      .then((r) => {
        if (!cancelled) setLoaded({ streetCode, items: r.items });
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [streetCode]);
  return loaded && loaded.streetCode === streetCode ? loaded.items : [];
}
