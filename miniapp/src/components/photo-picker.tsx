import { MAX_CONCERN_PHOTOS } from '@manyi/shared';
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';

import type { PhotoItem } from '../hooks/use-report-draft';
import { a11y } from '../utils/a11y';

import './forms.scss';

export interface PhotoPickerProps {
  photos: readonly PhotoItem[];
  onAdd: (localPaths: string[]) => void;
  onRetry: (localPath: string) => void;
  onRemove: (localPath: string) => void;
}

/** Up to nine photos from the album or the camera (compressed before upload, services/compress-photo.ts), each with its own progress and 重试. */
export function PhotoPicker({ photos, onAdd, onRetry, onRemove }: PhotoPickerProps) {
  const room = MAX_CONCERN_PHOTOS - photos.length;

  const choose = async () => {
    try {
      const { tempFiles } = await Taro.chooseMedia({
        count: room,
        mediaType: ['image'],
        sourceType: ['album', 'camera'],
        sizeType: ['compressed'],
      });
      onAdd(tempFiles.map((file) => file.tempFilePath));
    } catch {
      // Cancelled, or the privacy authorisation was refused: nothing to add.
    }
  };

  return (
    <View className="photo-picker">
      {photos.map((photo, index) => (
        <View key={photo.localPath} className="photo-picker__item">
          <Image
            className="photo-picker__image"
            src={photo.localPath}
            mode="aspectFill"
            {...a11y('img', { 'aria-label': `照片 ${index + 1}` })}
          />
          {photo.state === 'uploading' && <Text className="photo-picker__overlay">上传中 {Math.round(photo.progress)}%</Text>}
          {photo.state === 'failed' && (
            <Text
              className="photo-picker__overlay photo-picker__overlay--failed"
              onClick={() => onRetry(photo.localPath)}
              {...a11y('button')}
            >
              上传失败，点此重试
            </Text>
          )}
          <Text
            className="photo-picker__remove"
            onClick={() => onRemove(photo.localPath)}
            {...a11y('button', { 'aria-label': `删除照片 ${index + 1}` })}
          >
            ×
          </Text>
        </View>
      ))}
      {room > 0 && (
        <View className="photo-picker__add" onClick={() => void choose()} {...a11y('button', { 'aria-label': '添加照片' })}>
          <Text>＋</Text>
          <Text className="photo-picker__count">
            {photos.length}/{MAX_CONCERN_PHOTOS}
          </Text>
        </View>
      )}
    </View>
  );
}
