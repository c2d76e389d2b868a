import type { StreetView } from '@manyi/shared';
import { View } from '@tarojs/components';

import { a11y } from '../utils/a11y';

import './street-picker.scss';

export interface StreetPickerProps {
  streets: readonly StreetView[];
  /** Code of the selected street, if any. */
  value?: string;
  onChange: (street: StreetView) => void;
}

/** All streets shown at once as chips: there are only about fourteen, and seeing them beats a dropdown. */
export function StreetPicker({ streets, value, onChange }: StreetPickerProps) {
  return (
    <View className="street-picker" {...a11y('listbox', { 'aria-label': '选择街道' })}>
      {streets.map((street) => {
        const selected = street.code === value;
        return (
          <View
            key={street.id}
            className={`street-picker__item${selected ? ' street-picker__item--selected' : ''}`}
            {...a11y('option', { 'aria-selected': selected })}
            onClick={() => onChange(street)}
          >
            {street.name}
          </View>
        );
      })}
    </View>
  );
}
