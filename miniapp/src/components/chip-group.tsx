import { View } from '@tarojs/components';

import { a11y } from '../utils/a11y';

import './forms.scss';

export interface ChipOption {
  id: number;
  label: string;
}

export interface ChipGroupProps {
  label: string;
  options: readonly ChipOption[];
  value?: number;
  onChange: (id: number) => void;
}

/** A short list shown at once as chips (categories, compounds): one tap, no dropdown to hunt in. */
export function ChipGroup({ label, options, value, onChange }: ChipGroupProps) {
  return (
    <View className="chip-group" {...a11y('listbox', { 'aria-label': label })}>
      {options.map((option) => {
        const selected = option.id === value;
        return (
          <View
            key={option.id}
            className={`chip${selected ? ' chip--selected' : ''}`}
            {...a11y('option', { 'aria-selected': selected })}
            onClick={() => onChange(option.id)}
          >
            {option.label}
          </View>
        );
      })}
    </View>
  );
}
