import { calendarDaySchema, type CalendarDay, type CalendarDayKind } from '@manyi/shared';
import { AutoComplete, Form, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { HOLIDAY_NAMES, isWeekend, shortDate, weekdayLabel } from './calendar-model';

type Choice = CalendarDayKind | 'normal';

/**
 * One day of the draft: 放假, 调休上班 (only on a weekend: a weekday is a working day already) or
 * 恢复正常, with the holiday's name — the usual ones offered, any other typed.
 */
export function DayEditor({
  date,
  current,
  suggestedName,
  onApply,
  onClose,
}: {
  date: string;
  current: CalendarDay | undefined;
  suggestedName: string | undefined;
  /** The new entry, or null for 恢复正常. */
  onApply: (day: CalendarDay | null) => void;
  onClose: () => void;
}) {
  const weekend = isWeekend(date);
  // On a weekend the usual reason to click is a make-up working day; on a weekday, a holiday.
  const [choice, setChoice] = useState<Choice>(current?.kind ?? (weekend ? 'workday' : 'holiday'));
  const [name, setName] = useState(current?.name ?? suggestedName ?? '');
  const [problem, setProblem] = useState<string | null>(null);

  const apply = () => {
    if (choice === 'normal') return onApply(null);
    // The shared rule for one day (a name of 1–20 characters), the service's own.
    const checked = calendarDaySchema.safeParse({ date, kind: choice, name: name.trim() });
    if (!checked.success) return setProblem(checked.error.issues[0]?.message ?? '请填写节日名称');
    onApply(checked.data);
  };

  return (
    <Modal
      open
      title={`${shortDate(date)} ${weekdayLabel(date)}`}
      okText="确定"
      cancelText="取消"
      onOk={apply}
      onCancel={onClose}
      destroyOnHidden
      width={420}
    >
      <Form layout="vertical" aria-label="调整日">
        <Form.Item label="这一天">
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            value={choice}
            onChange={(e) => setChoice(e.target.value as Choice)}
            options={[
              { value: 'holiday', label: '放假' },
              { value: 'workday', label: '调休上班', disabled: !weekend },
              { value: 'normal', label: '恢复正常' },
            ]}
          />
          {!weekend && (
            <Typography.Paragraph type="secondary" className="day-editor-hint">
              周一至周五本来就上班，调休上班只能设在周六或周日。
            </Typography.Paragraph>
          )}
        </Form.Item>
        {choice !== 'normal' && (
          <Form.Item
            label="节日名称"
            htmlFor="calendar-day-name"
            required
            validateStatus={problem ? 'error' : undefined}
            help={problem ?? (choice === 'workday' ? '调休上班填所补的节日' : undefined)}
          >
            <AutoComplete
              id="calendar-day-name"
              value={name}
              onChange={(value: string) => {
                setName(value);
                setProblem(null);
              }}
              options={HOLIDAY_NAMES.map((n) => ({ value: n }))}
              placeholder="选择或输入，例如 春节"
              // Every usual name stays offered while a chosen one is in the box; typing narrows them.
              showSearch={{
                filterOption: (input, option) => HOLIDAY_NAMES.includes(input as never) || String(option?.value ?? '').includes(input),
              }}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
