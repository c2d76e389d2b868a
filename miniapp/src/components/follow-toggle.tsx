import { peopleCount, type ConcernFollowView } from '@manyi/shared';
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';

import { toApiError } from '../services/api-error';
import { followConcern, unfollowConcern } from '../services/concerns.api';
import { a11y } from '../utils/a11y';

import './forms.scss';

export interface FollowToggleProps {
  concernId: number;
  /** The compound I report from: the service lets me follow only a concern of mine. */
  compoundId: number;
  following: boolean;
  /** Followers besides the reporter, when known. */
  followerCount?: number;
  onChange?: (answer: ConcernFollowView) => void;
}

/**
 * 附议 "我也遇到了": follow a concern someone already reported instead of filing it twice — its progress
 * messages come to 我的消息 and the reply can be rated. Following again or stopping twice changes nothing.
 */
export function FollowToggle({ concernId, compoundId, following: initial, followerCount, onChange }: FollowToggleProps) {
  const [state, setState] = useState<{ following: boolean; followerCount?: number }>({ following: initial, followerCount });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const toggle = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = state.following ? await unfollowConcern(concernId) : await followConcern(concernId, compoundId);
      setState({ following: answer.following, followerCount: answer.followerCount });
      onChange?.(answer);
    } catch (cause) {
      setError(toApiError(cause).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="follow-toggle">
      {state.followerCount !== undefined && (
        <Text className="card__meta" {...a11y('status')}>
          {peopleCount(state.followerCount)} 人反映
          {state.following ? '，含您的附议；答复发布后会在“我的消息”通知您' : ''}
        </Text>
      )}
      <Button
        {...a11y('button')}
        className={state.following ? 'secondary-button' : 'primary-button'}
        size="mini"
        loading={busy}
        disabled={busy}
        onClick={(e) => {
          e.stopPropagation();
          void toggle();
        }}
      >
        {state.following ? '取消附议' : '我也遇到了'}
      </Button>
      {error && (
        <Text className="form-error" {...a11y('alert')}>
          {error}
        </Text>
      )}
    </View>
  );
}
