import { ImportOutlined } from '@ant-design/icons';
import { importHolidayNoticeSchema, type HolidayNoticeView } from '@manyi/shared';
import { Alert, Button, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { manageApi } from '../../api/manage-endpoints';
import { sortedDays } from './calendar-model';
import { DaysTable } from './days-table';

/**
 * 导入国务院通知: the notice's text is read by the service (POST /admin/calendar/import, nothing saved);
 * the admin checks the days and the lines it could not read, then takes them into the year view as a
 * draft — saved, like a hand edit, by the page's 保存.
 */
export function ImportNoticeModal({ onApply, onClose }: { onApply: (notice: HolidayNoticeView) => void; onClose: () => void }) {
  const [text, setText] = useState('');
  const [notice, setNotice] = useState<HolidayNoticeView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const parse = async () => {
    setError(null);
    const checked = importHolidayNoticeSchema.safeParse({ text });
    if (!checked.success) return setError(checked.error.issues[0]?.message ?? '请粘贴通知全文');
    setBusy(true);
    try {
      const read = await manageApi.calendarImport(checked.data.text);
      setNotice({ ...read, days: sortedDays(read.days) });
    } catch (cause) {
      setNotice(null);
      setError(errorMessage(cause));
    } finally {
      setBusy(false);
    }
  };

  const usable = notice !== null && notice.year !== null && notice.days.length > 0;
  const holidays = notice?.days.filter((d) => d.kind === 'holiday').length ?? 0;
  return (
    <Modal
      open
      title="导入国务院通知"
      width={760}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="parse" icon={<ImportOutlined />} loading={busy} onClick={() => void parse()}>
          解析
        </Button>,
        <Button key="apply" type="primary" disabled={!usable} onClick={() => usable && onApply(notice)}>
          应用到年历
        </Button>,
      ]}
    >
      <Space orientation="vertical" className="full-width">
        <Input.TextArea
          rows={10}
          aria-label="通知全文"
          placeholder="粘贴《国务院办公厅关于 20XX 年部分节假日安排的通知》全文"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setNotice(null);
          }}
        />
        {error && <Alert type="error" showIcon title={error} />}
        {notice && (
          <div className="notice-result" data-testid="notice-result">
            {notice.year === null ? (
              <Alert type="error" showIcon title="没有认出通知所属的年份，请确认粘贴的是含标题的通知全文。" />
            ) : notice.days.length === 0 ? (
              <Alert type="error" showIcon title={`没有从通知中读出 ${notice.year} 年的任何调整日。`} />
            ) : (
              <Typography.Paragraph>
                <Typography.Text strong>{notice.year} 年</Typography.Text>：放假 {holidays} 天，调休上班 {notice.days.length - holidays}{' '}
                天。 应用后在年历中核对，确认无误再保存。
              </Typography.Paragraph>
            )}
            {notice.warnings.length > 0 && (
              <Alert
                className="notice-warnings"
                type="warning"
                showIcon
                title="以下内容没能读出，请对照通知手工核对："
                description={
                  <ul className="notice-warning-list">
                    {notice.warnings.map((w, i) => (
                      <li key={i}>{w}</li>
                    ))}
                  </ul>
                }
              />
            )}
            {notice.days.length > 0 && <DaysTable days={notice.days} />}
          </div>
        )}
      </Space>
    </Modal>
  );
}
