import Taro from '@tarojs/taro';
import { fireEvent, render, screen } from '@testing-library/react';

import { typeInto, valueOf } from '../../test/form-events';
import { answerWith } from '../../test/taro-request';
import { loadDraft, newDraft, saveDraft } from '../services/report-draft';
import { ReportForm } from './report-form';

const CATEGORIES = [
  {
    id: 1,
    code: 'city',
    name: '市容环境',
    parentId: null,
    requestType: null,
    children: [{ id: 11, code: 'litter', name: '垃圾堆放', parentId: 1, requestType: 'complaint', children: [] }],
  },
];
const COMPOUNDS = [{ id: 3, code: 'hengyi', name: '恒益', streetCode: 'xujiahui' }];

function answerDirectory() {
  // The form asks for categories first, then the compounds of the draft's street.
  answerWith(200, { items: CATEGORIES });
  answerWith(200, { items: COMPOUNDS });
}

describe(ReportForm.name, () => {
  it('restores the stored draft, with its key, after the app was closed', async () => {
    const stored = {
      ...newDraft({ code: 'xujiahui', name: '徐家汇街道' }),
      categoryId: 11,
      compoundId: 3,
      title: '垃圾没人清',
      description: '垃圾堆在门口两天了',
    };
    saveDraft(stored);
    answerDirectory();

    render(<ReportForm />);

    expect(await screen.findByDisplayValue('垃圾没人清')).toBeTruthy();
    expect(valueOf('问题描述')).toBe('垃圾堆在门口两天了');
    expect(screen.getByText('9/2000')).toBeTruthy();
    expect((await screen.findByText('垃圾堆放')).className).toContain('chip--selected');
    expect(screen.getByText('恒益').className).toContain('chip--selected');
    expect(loadDraft()?.idempotencyKey).toBe(stored.idempotencyKey);
  });

  it('counts code points, as the service does, and saves every keystroke', async () => {
    saveDraft(newDraft({ code: 'xujiahui', name: '徐家汇街道' }));
    answerDirectory();
    render(<ReportForm />);
    await screen.findByText('恒益');

    typeInto('问题描述', '落叶🍂满地');

    expect(screen.getByText('5/2000')).toBeTruthy();
    expect(loadDraft()?.description).toBe('落叶🍂满地');
  });

  it('shows the first message of the shared schema instead of opening the preview', async () => {
    saveDraft({ ...newDraft({ code: 'xujiahui', name: '徐家汇街道' }), categoryId: 11, compoundId: 3, title: '垃圾', description: '太短' });
    answerDirectory();
    render(<ReportForm />);
    await screen.findByText('恒益');

    fireEvent.click(screen.getByText('下一步：预览'));

    expect(await screen.findByText('问题描述至少 5 个字')).toBeTruthy();
    expect(Taro.navigateTo).not.toHaveBeenCalled();
  });

  it('only lets a leaf category be chosen', async () => {
    saveDraft(newDraft({ code: 'xujiahui', name: '徐家汇街道' }));
    answerDirectory();
    render(<ReportForm />);

    await screen.findByText('恒益');
    fireEvent.click(screen.getByText('市容环境'));
    expect(loadDraft()?.categoryId).toBeUndefined();
    fireEvent.click(screen.getByText('垃圾堆放'));

    expect(loadDraft()).toMatchObject({ categoryId: 11, categoryName: '垃圾堆放' });
  });
});
