import { describe, expect, it } from 'vitest';
import { manageEntriesFor } from './manage-pages';

describe(manageEntriesFor.name, () => {
  it.each([
    ['handler', []],
    ['editor', ['答复模板', '政策知识库']],
    ['dispatcher', ['数据看板']],
    ['supervisor', ['数据看板', '答复模板', '政策知识库']],
    ['admin', ['目录管理', '账号管理', '工作日历', '时限设置', '操作日志', '接口密钥', '微信配置']],
  ] as const)('gives a %s the menu entries %o', (role, labels) => {
    expect(manageEntriesFor(role).map((e) => e.label)).toEqual(labels);
  });
});
