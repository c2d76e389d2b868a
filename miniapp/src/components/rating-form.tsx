import { rateConcernSchema, SATISFACTION_LABELS, SATISFACTION_LEVELS, type RateConcernInput, type Satisfaction } from '@manyi/shared';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';

import { a11y } from '../utils/a11y';
import { ChipGroup } from './chip-group';

import './forms.scss';

export interface RatingFormProps {
  submitting?: boolean;
  /** The service's answer when the rating did not go through. */
  error?: string;
  onSubmit: (input: RateConcernInput) => void;
}

const SOLVED_OPTIONS = [
  { id: 1, label: '已解决' },
  { id: 0, label: '未解决' },
];
const SATISFACTION_OPTIONS = SATISFACTION_LEVELS.map((level, index) => ({ id: index, label: SATISFACTION_LABELS[level] }));

/** 回访评价: the two questions the district counts (solved? satisfied?) and an optional comment. */
export function RatingForm({ submitting = false, error, onSubmit }: RatingFormProps) {
  const [solved, setSolved] = useState<boolean>();
  const [satisfaction, setSatisfaction] = useState<Satisfaction>();
  const [comment, setComment] = useState('');
  const [invalid, setInvalid] = useState<string>();

  const send = () => {
    const parsed = rateConcernSchema.safeParse({ solved, satisfaction, comment: comment.trim() === '' ? undefined : comment });
    if (!parsed.success) {
      setInvalid(parsed.error.issues[0]?.message);
      return;
    }
    setInvalid(undefined);
    onSubmit(parsed.data);
  };

  const message = invalid ?? error;
  return (
    <View className="rating-form">
      <Text className="field__label">问题解决了吗？</Text>
      <ChipGroup
        label="问题是否解决"
        options={SOLVED_OPTIONS}
        value={solved === undefined ? undefined : Number(solved)}
        onChange={(id) => setSolved(id === 1)}
      />
      <Text className="field__label">您对办理结果满意吗？</Text>
      <ChipGroup
        label="满意程度"
        options={SATISFACTION_OPTIONS}
        value={satisfaction === undefined ? undefined : SATISFACTION_LEVELS.indexOf(satisfaction)}
        onChange={(index) => setSatisfaction(SATISFACTION_LEVELS[index])}
      />
      <Text className="field__label">想说的话（选填）</Text>
      <Textarea
        className="field__textarea"
        value={comment}
        placeholder="对办理结果的意见或建议"
        maxlength={1000}
        onInput={(e) => setComment(e.detail.value)}
        {...a11y('textbox', { 'aria-label': '评价内容' })}
      />
      {message && (
        <Text className="form-error" {...a11y('alert')}>
          {message}
        </Text>
      )}
      <Button {...a11y('button')} className="primary-button" loading={submitting} disabled={submitting} onClick={send}>
        提交评价
      </Button>
    </View>
  );
}
