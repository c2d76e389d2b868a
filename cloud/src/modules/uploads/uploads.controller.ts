import type {} from '@fastify/multipart';
import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { id, type PhotoView } from '@manyi/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppException } from '../../common/errors/app.exception.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import type { Actor } from '../../common/actor.js';
import { Auth, CurrentActor } from '../auth/auth.guard.js';
import { MAX_PHOTO_BYTES } from './photo-processor.js';
import { UploadsService, type PhotoFile } from './uploads.service.js';

/** The multipart field that carries the photo. */
export const PHOTO_FIELD = 'file';

const photoId = new ZodValidationPipe(id('照片'));

@ApiTags('uploads')
@Controller('uploads')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Post()
  @Auth()
  @ApiOperation({ summary: '上传照片 — one photo (JPEG, PNG, WebP or HEIF, at most 10 MB), stored re-encoded without EXIF' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: [PHOTO_FIELD], properties: { [PHOTO_FIELD]: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({
    schema: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        url: { type: 'string' },
        thumbnailUrl: { type: 'string' },
        width: { type: 'integer' },
        height: { type: 'integer' },
      },
    },
  })
  async upload(@Req() request: FastifyRequest, @CurrentActor() actor: Actor): Promise<PhotoView> {
    return this.uploads.upload(await readSinglePhoto(request), actor);
  }

  @Get(':id')
  @Auth()
  @ApiOperation({
    summary: '照片 — the stored photo (JPEG, at most 2048 px); for its uploader and whoever may see a concern it belongs to',
  })
  @ApiProduces('image/jpeg')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async photo(
    @Param('id', photoId) photoId: number,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return sendPhoto(reply, await this.uploads.read(photoId, 'full', actor));
  }

  @Get(':id/thumbnail')
  @Auth()
  @ApiOperation({ summary: '缩略图 — the photo at most 320 px on the long side (JPEG)' })
  @ApiProduces('image/jpeg')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async thumbnail(
    @Param('id', photoId) photoId: number,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return sendPhoto(reply, await this.uploads.read(photoId, 'thumbnail', actor));
  }
}

/** A photo's bytes never change under its id, so the caller's own cache may keep them for a year. */
function sendPhoto(reply: FastifyReply, file: PhotoFile): Buffer {
  void reply.type(file.mime).header('cache-control', 'private, max-age=31536000, immutable').header('x-content-type-options', 'nosniff');
  return file.bytes;
}

/** Limits of the multipart parser on this route: one file, a few stray text fields at most. */
const PHOTO_LIMITS = { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 5, parts: 6, headerPairs: 50 };

/**
 * Reads the one photo of a multipart request into memory. Anything after it is read too, so that a
 * second file is refused rather than silently dropped. The parser's own errors become our codes.
 */
async function readSinglePhoto(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw new AppException('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 格式上传照片');
  let photo: Buffer | undefined;
  try {
    for await (const part of request.parts({ limits: PHOTO_LIMITS })) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== PHOTO_FIELD) throw new AppException('PHOTO_MISSING', `照片应放在「${PHOTO_FIELD}」字段中`);
      photo = await part.toBuffer();
    }
  } catch (error) {
    throw multipartFailure(error);
  }
  if (!photo) throw new AppException('PHOTO_MISSING');
  return photo;
}

function multipartFailure(error: unknown): AppException {
  if (error instanceof AppException) return error;
  switch ((error as { code?: unknown }).code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppException('PHOTO_TOO_LARGE');
    case 'FST_FILES_LIMIT':
      return new AppException('PHOTO_TOO_MANY');
    default:
      // Busboy's own complaints (no boundary, a part cut short, too many fields) are all about the request.
      return new AppException('BAD_REQUEST', '上传的数据格式有误');
  }
}
