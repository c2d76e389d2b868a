import type { CategoryView } from '@manyi/shared';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';

import { ChipGroup } from './chip-group';

export interface CategoryPickerProps {
  /** The tree from /categories (roots with children). */
  categories: readonly CategoryView[];
  value?: number;
  onChange: (leaf: CategoryView) => void;
}

function isLeaf(category: CategoryView): boolean {
  return category.children.length === 0;
}

/** Two levels: pick a group, then one of its leaves. Only a leaf can be reported (CATEGORY_NOT_LEAF). */
export function CategoryPicker({ categories, value, onChange }: CategoryPickerProps) {
  const rootOfValue = categories.find((root) => root.id === value || root.children.some((child) => child.id === value));
  const [rootId, setRootId] = useState<number | undefined>(rootOfValue?.id);
  const root = categories.find((c) => c.id === rootId);

  const pickRoot = (id: number) => {
    const picked = categories.find((c) => c.id === id);
    setRootId(id);
    if (picked && isLeaf(picked)) onChange(picked);
  };
  const pickLeaf = (id: number) => {
    const leaf = root?.children.find((c) => c.id === id);
    if (leaf) onChange(leaf);
  };

  return (
    <View className="category-picker">
      <ChipGroup label="诉求大类" options={categories.map((c) => ({ id: c.id, label: c.name }))} value={rootId} onChange={pickRoot} />
      {root && !isLeaf(root) && (
        <View className="category-picker__children">
          <Text className="field__hint">{root.name} · 请选择具体类别</Text>
          <ChipGroup
            label={`${root.name}的具体类别`}
            options={root.children.map((c) => ({ id: c.id, label: c.name }))}
            value={value}
            onChange={pickLeaf}
          />
        </View>
      )}
    </View>
  );
}
