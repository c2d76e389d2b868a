import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { routePath } from '../app/router';
import { ConcernLink } from './concern-link';

describe(ConcernLink.name, () => {
  afterEach(() => window.history.replaceState(null, '', '/'));

  it("has the workbench's address and opens it in place, once, even inside a clickable row", () => {
    const rowClick = vi.fn();
    const pushState = vi.spyOn(window.history, 'pushState');
    render(
      <div onClick={rowClick}>
        <ConcernLink id={7} className="mono">
          XH-2026-0007
        </ConcernLink>
      </div>,
    );
    const link = screen.getByRole('link', { name: 'XH-2026-0007' });
    expect(link.getAttribute('href')).toBe(routePath({ name: 'concern', id: 7 }));
    fireEvent.click(link);
    expect(window.location.pathname).toBe(routePath({ name: 'concern', id: 7 }));
    expect(pushState).toHaveBeenCalledTimes(1);
    expect(rowClick).not.toHaveBeenCalled();
    pushState.mockRestore();
  });
});
