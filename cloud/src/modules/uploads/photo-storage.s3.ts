import { createHash } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { assertPhotoKey, isPhotoKey, PhotoStorage, PhotoStorageError } from './photo-storage.js';

export interface S3PhotoStorageOptions {
  bucket: string;
  /** https://cos.ap-shanghai.myqcloud.com, http://127.0.0.1:9000; null: AWS S3 itself. */
  endpoint: string | null;
  region: string;
  forcePathStyle: boolean;
  /** Null: the SDK's default credential chain (AWS_* variables, ~/.aws, a web identity token…). */
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | null;
  /** Per attempt; the defaults suit photos of a few MB on a district's network. Tests shorten them. */
  timeouts?: { connectMs?: number; idleMs?: number; requestMs?: number };
  /** Attempts per operation, the first included (the SDK's standard retry strategy, with backoff). */
  maxAttempts?: number;
}

/**
 * Photos in a bucket, through the S3 API (Tencent COS, MinIO, Ceph RGW, AWS S3). One client for the
 * life of the process, destroyed on shutdown.
 *
 * Nothing is acknowledged that is not stored: a put resolves only on the store's 200 for the whole
 * object, and every PUT carries the Content-MD5 of its bytes, so a store that received a cut or altered
 * body refuses it (BadDigest) instead of keeping it. The SDK's newer flexible checksums (CRC32 headers or
 * aws-chunked trailers) are left off on purpose: Content-MD5 is the check every S3-speaking store
 * verifies, while some of them reject the newer headers.
 */
export class S3PhotoStorage extends PhotoStorage {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(options: S3PhotoStorageOptions) {
    super();
    this.bucket = options.bucket;
    const timeouts = { connectMs: 3_000, idleMs: 10_000, requestMs: 30_000, ...options.timeouts };
    this.client = new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      forcePathStyle: options.forcePathStyle,
      ...(options.credentials ? { credentials: options.credentials } : {}),
      maxAttempts: options.maxAttempts ?? 3,
      retryMode: 'standard',
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: {
        connectionTimeout: timeouts.connectMs,
        socketTimeout: timeouts.idleMs,
        requestTimeout: timeouts.requestMs,
        throwOnRequestTimeout: true,
        httpAgent: { keepAlive: true, maxSockets: 32 },
        httpsAgent: { keepAlive: true, maxSockets: 32 },
      },
    });
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    assertPhotoKey(key);
    await this.send('PutObject', key, () =>
      this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: bytes,
          ContentLength: bytes.length,
          ContentMD5: createHash('md5').update(bytes).digest('base64'),
          ContentType: key.endsWith('.jpg') ? 'image/jpeg' : 'application/octet-stream',
        }),
      ),
    );
  }

  async get(key: string): Promise<Buffer | null> {
    assertPhotoKey(key);
    return this.send('GetObject', key, async () => {
      try {
        const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
        if (!object.Body) throw new Error('the store answered without a body');
        const bytes = Buffer.from(await object.Body.transformToByteArray());
        // A body cut short is an error, never a shorter photo.
        if (object.ContentLength !== undefined && bytes.length !== object.ContentLength)
          throw new Error(`received ${bytes.length} of ${object.ContentLength} bytes`);
        return bytes;
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    });
  }

  async remove(key: string): Promise<void> {
    assertPhotoKey(key);
    await this.send('DeleteObject', key, async () => {
      try {
        await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
      } catch (error) {
        // S3 answers 204 for a missing key anyway; some compatible stores say 404.
        if (!isMissing(error)) throw error;
      }
    });
  }

  async *keys(): AsyncIterable<string> {
    const pages = paginateListObjectsV2({ client: this.client, pageSize: 1000 }, { Bucket: this.bucket });
    try {
      for await (const page of pages) {
        for (const object of page.Contents ?? []) if (object.Key && isPhotoKey(object.Key)) yield object.Key;
      }
    } catch (error) {
      throw storageError('ListObjectsV2', null, error);
    }
  }

  /** HeadBucket: the bucket exists and these credentials reach it. */
  async check(): Promise<void> {
    await this.send('HeadBucket', null, () => this.client.send(new HeadBucketCommand({ Bucket: this.bucket })));
  }

  override async close(): Promise<void> {
    this.client.destroy();
  }

  private async send<T>(operation: string, key: string | null, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw storageError(operation, key, error);
    }
  }
}

function isMissing(error: unknown): boolean {
  if (!(error instanceof S3ServiceException)) return false;
  return error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404;
}

/** One line that says what failed where, with the store's own word (BadDigest, AccessDenied, ECONNRESET…). */
function storageError(operation: string, key: string | null, error: unknown): PhotoStorageError {
  const status = error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
  const code = (error as { code?: unknown }).code;
  const what = [
    (error as Error).name === 'Error' ? null : (error as Error).name,
    status === undefined ? null : `HTTP ${status}`,
    typeof code === 'string' ? code : null,
    (error as Error).message,
  ]
    .filter((part) => part)
    .join(' ');
  return new PhotoStorageError(`photo store: ${operation}${key ? ` ${key}` : ''} failed: ${what}`, { cause: error });
}
