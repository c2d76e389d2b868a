import { MAX_CONCERN_PHOTOS, type ApiError } from '@manyi/shared';
import { useCallback, useState } from 'react';

import { toApiError } from '../services/api-error';
import { loadDraft, newDraft, saveDraft, type DraftPhoto, type ReportDraft } from '../services/report-draft';
import { getSavedStreet } from '../services/street-store';
import { compressPhoto } from '../services/compress-photo';
import { uploadPhoto } from '../services/upload';

/** A photo of the draft as the form shows it. */
export interface PhotoItem extends DraftPhoto {
  state: 'uploading' | 'uploaded' | 'failed';
  /** 0–100 while uploading. */
  progress: number;
  error?: ApiError;
}

interface UploadState {
  progress: number;
  error?: ApiError;
}

export type DraftChange = Partial<ReportDraft> | ((draft: ReportDraft) => ReportDraft);

export interface UseReportDraftResult {
  draft: ReportDraft;
  photos: PhotoItem[];
  /** Changes fields; every change is written to storage at once. */
  update: (change: DraftChange) => void;
  /** Adds photos (up to MAX_CONCERN_PHOTOS in all) and starts uploading each. */
  addPhotos: (localPaths: string[]) => void;
  retryPhoto: (localPath: string) => void;
  removePhoto: (localPath: string) => void;
  /** Reads the draft again from storage (the page came back into view; the preview may have sent it). */
  reload: () => void;
}

function initialDraft(): ReportDraft {
  return loadDraft() ?? newDraft(getSavedStreet());
}

/** The report form's state: the stored draft, plus the uploads running for its photos. */
export function useReportDraft(): UseReportDraftResult {
  const [draft, setDraft] = useState<ReportDraft>(initialDraft);
  // Keyed by local path; a photo with an id is done and has no entry, one with neither is failed.
  const [uploads, setUploads] = useState<Record<string, UploadState>>({});

  const update = useCallback((change: DraftChange) => {
    setDraft((previous) => {
      const next = typeof change === 'function' ? change(previous) : { ...previous, ...change };
      saveDraft(next);
      return next;
    });
  }, []);

  const setUpload = useCallback((localPath: string, state: UploadState | undefined) => {
    setUploads((previous) => {
      const next = { ...previous };
      if (state) next[localPath] = state;
      else delete next[localPath];
      return next;
    });
  }, []);

  const startUpload = useCallback(
    (localPath: string) => {
      setUpload(localPath, { progress: 0 });
      compressPhoto(localPath)
        .then((smaller) => uploadPhoto(smaller, { onProgress: (progress) => setUpload(localPath, { progress }) }))
        .then(
          (photo) => {
            update((d) => ({ ...d, photos: d.photos.map((p) => (p.localPath === localPath ? { ...p, id: photo.id } : p)) }));
            setUpload(localPath, undefined);
          },
          (error: unknown) => setUpload(localPath, { progress: 0, error: toApiError(error) }),
        );
    },
    [setUpload, update],
  );

  const addPhotos = useCallback(
    (localPaths: string[]) => {
      const room = MAX_CONCERN_PHOTOS - draft.photos.length;
      const added = localPaths.filter((path) => !draft.photos.some((p) => p.localPath === path)).slice(0, Math.max(0, room));
      if (added.length === 0) return;
      update((d) => ({ ...d, photos: [...d.photos, ...added.map((localPath) => ({ localPath }))] }));
      added.forEach(startUpload);
    },
    [draft.photos, startUpload, update],
  );

  const removePhoto = useCallback(
    (localPath: string) => {
      update((d) => ({ ...d, photos: d.photos.filter((p) => p.localPath !== localPath) }));
      setUpload(localPath, undefined);
    },
    [setUpload, update],
  );

  const reload = useCallback(() => setDraft(initialDraft()), []);

  const photos: PhotoItem[] = draft.photos.map((photo) => {
    if (photo.id !== undefined) return { ...photo, state: 'uploaded', progress: 100 };
    const upload = uploads[photo.localPath];
    if (upload && !upload.error) return { ...photo, state: 'uploading', progress: upload.progress };
    return { ...photo, state: 'failed', progress: 0, error: upload?.error };
  });

  return { draft, photos, update, addPhotos, retryPhoto: startUpload, removePhoto, reload };
}
