import { Image, Skeleton } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api/endpoints';

type Loaded = { photoId: number; kind: 'thumbnail' | 'full'; url: string } | { photoId: number; kind: 'thumbnail' | 'full'; failed: true };

/**
 * Photos are protected (only whoever may see the concern reads them), so they are fetched with the
 * bearer header into object URLs rather than linked. The full photo loads only when the preview opens.
 */
function usePhotoUrl(photoId: number, kind: 'thumbnail' | 'full', enabled = true): string | null | 'failed' {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    let url: string | undefined;
    (kind === 'thumbnail' ? api.thumbnail(photoId, controller.signal) : api.photo(photoId, controller.signal))
      .then((blob) => {
        url = URL.createObjectURL(blob);
        setLoaded({ photoId, kind, url });
      })
      .catch(() => {
        if (!controller.signal.aborted) setLoaded({ photoId, kind, failed: true });
      });
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [photoId, kind, enabled]);
  if (!loaded || loaded.photoId !== photoId || loaded.kind !== kind) return null;
  return 'failed' in loaded ? 'failed' : loaded.url;
}

export function PhotoThumb({ photoId, alt }: { photoId: number; alt: string }) {
  const [previewing, setPreviewing] = useState(false);
  const thumbnail = usePhotoUrl(photoId, 'thumbnail');
  const full = usePhotoUrl(photoId, 'full', previewing);
  if (thumbnail === null) return <Skeleton.Image active className="photo-thumb" />;
  if (thumbnail === 'failed') return <div className="photo-thumb photo-missing">照片无法加载</div>;
  return (
    <Image
      src={thumbnail}
      alt={alt}
      width={96}
      height={96}
      className="photo-thumb"
      preview={{ src: typeof full === 'string' ? full : thumbnail, onOpenChange: setPreviewing }}
    />
  );
}
