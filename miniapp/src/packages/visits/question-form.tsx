import {
  askVisitQuestionSchema,
  VISIT_PARTICIPANT_ROLE_LABELS,
  type AskVisitQuestionInput,
  type VisitParticipantRole,
} from '@manyi/shared';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';

import { ChipGroup } from '../../components/chip-group';
import '../../components/forms.scss';
import { a11y } from '../../utils/a11y';

export interface QuestionFormProps {
  /** The kinds of participant coming to this visit, in the order listed. */
  roles: readonly VisitParticipantRole[];
  submitting: boolean;
  /** Sends the question; resolves true when the service took it. */
  onSubmit: (input: AskVisitQuestionInput) => Promise<boolean>;
}

/** 提前提问: a question ahead of the visit, addressed to one kind of participant (a legal question to the lawyer). */
export function QuestionForm({ roles, submitting, onSubmit }: QuestionFormProps) {
  const [role, setRole] = useState<VisitParticipantRole | undefined>(roles.length === 1 ? roles[0] : undefined);
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState<string>();
  const [sent, setSent] = useState(false);

  const send = async () => {
    const parsed = askVisitQuestionSchema.safeParse({ addressedTo: role, text });
    if (!parsed.success) {
      setInvalid(parsed.error.issues[0]?.message);
      return;
    }
    setInvalid(undefined);
    if (await onSubmit(parsed.data)) {
      setText('');
      setSent(true);
    }
  };

  return (
    <View className="card">
      <Text className="section-title">提前提问</Text>
      <Text className="field__hint">问题会在走访前转给对应的参加人员，答复后显示在本页。</Text>
      <Text className="field__label">问谁</Text>
      <ChipGroup
        label="提问对象"
        options={roles.map((r, index) => ({ id: index, label: VISIT_PARTICIPANT_ROLE_LABELS[r] }))}
        value={role === undefined ? undefined : roles.indexOf(role)}
        onChange={(index) => setRole(roles[index])}
      />
      <Text className="field__label">问题</Text>
      <Textarea
        className="field__textarea"
        value={text}
        placeholder="想在走访时了解或反映的问题（5 至 500 字）"
        maxlength={1000}
        onInput={(e) => {
          setText(e.detail.value);
          setSent(false);
        }}
        {...a11y('textbox', { 'aria-label': '提问内容' })}
      />
      {invalid && (
        <Text className="form-error" {...a11y('alert')}>
          {invalid}
        </Text>
      )}
      {sent && (
        <Text className="field__hint" {...a11y('status')}>
          问题已提交，答复后会显示在本页。
        </Text>
      )}
      <Button {...a11y('button')} className="primary-button" loading={submitting} disabled={submitting} onClick={() => void send()}>
        提交问题
      </Button>
    </View>
  );
}
