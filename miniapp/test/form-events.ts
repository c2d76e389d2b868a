import { act, fireEvent, screen } from '@testing-library/react';

// Taro's h5 Input is a real <input>, but Textarea is a Stencil web component
// (<taro-textarea-core>) that jsdom never upgrades: it has no inner <textarea>, and what the app
// sees is the `input` CustomEvent with `detail.value` that the component would dispatch.

type FieldElement = HTMLElement & { value?: unknown };

export function field(label: string): FieldElement {
  return screen.getByLabelText(label);
}

export function typeInto(label: string, value: string): void {
  const element = field(label);
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
    fireEvent.input(element, { target: { value } });
  } else {
    act(() => {
      element.dispatchEvent(new CustomEvent('input', { detail: { value } }));
    });
  }
}

/** The value a field shows (the property, for the web-component fields). */
export function valueOf(label: string): unknown {
  return field(label).value;
}
