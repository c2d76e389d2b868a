import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { navigate, routePath } from '../app/router';

/**
 * A link to a concern's workbench (办理): a real address, so it can be copied or opened in a new tab, followed in
 * place on a click. The click stops here: in a table whose row opens the concern too, it opens once.
 */
export function ConcernLink({ id, className, children }: { id: number; className?: string; children: ReactNode }) {
  return (
    <Typography.Link
      className={className}
      href={routePath({ name: 'concern', id })}
      onClick={(e) => {
        e.preventDefault();
        e.stopPropagation();
        navigate({ name: 'concern', id });
      }}
    >
      {children}
    </Typography.Link>
  );
}
