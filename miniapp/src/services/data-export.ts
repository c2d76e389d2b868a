import Taro from '@tarojs/taro';

import { fetchMyDataExport } from './me.api';

// 下载我的数据: everything the service holds about me, as the JSON file it sends. h5 saves it with the
// browser's download; weapp writes it to the mini-program's user folder and offers to send it to a chat
// (文件传输助手 keeps it), because a mini-program cannot write into the phone's own files.

export const EXPORT_FILE_NAME = 'manyi-my-data.json';

export interface SavedExport {
  /** How many concerns the file holds, for the confirmation shown afterwards. */
  concerns: number;
  bytes: number;
}

export async function downloadMyData(): Promise<SavedExport> {
  const data = await fetchMyDataExport();
  const text = JSON.stringify(data, null, 2);
  const concerns =
    typeof data === 'object' && data !== null && Array.isArray((data as { concerns?: unknown }).concerns)
      ? (data as { concerns: unknown[] }).concerns.length
      : 0;
  if (process.env.TARO_ENV === 'h5') saveInBrowser(text);
  else await saveInWeapp(text);
  return { concerns, bytes: text.length };
}

function saveInBrowser(text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = EXPORT_FILE_NAME;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function saveInWeapp(text: string): Promise<void> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${EXPORT_FILE_NAME}`;
  Taro.getFileSystemManager().writeFileSync(filePath, text, 'utf8');
  try {
    await Taro.shareFileMessage({ filePath, fileName: EXPORT_FILE_NAME });
  } catch {
    // Not sent to a chat: the file stays in the mini-program's folder until the next export.
  }
}
