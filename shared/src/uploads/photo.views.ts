/** What the API answers about a photo (`POST /api/v1/uploads`, and a photo wherever one is listed). The URLs are relative to the service's origin. */
export interface PhotoView {
  id: number;
  url: string;
  thumbnailUrl: string;
  width: number;
  height: number;
}
