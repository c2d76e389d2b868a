import { fireEvent, render, screen } from '@testing-library/react';

import { typeInto } from '../../test/form-events';
import { RatingForm } from './rating-form';

describe(RatingForm.name, () => {
  it('sends both answers and the comment', () => {
    const onSubmit = jest.fn();
    render(<RatingForm onSubmit={onSubmit} />);

    fireEvent.click(screen.getByText('未解决'));
    fireEvent.click(screen.getByText('基本满意'));
    typeInto('评价内容', '灯修好了但又坏了');
    fireEvent.click(screen.getByText('提交评价'));

    expect(onSubmit).toHaveBeenCalledWith({ solved: false, satisfaction: 'basic', comment: '灯修好了但又坏了' });
  });

  it('asks for the missing answer with the shared schema message', () => {
    const onSubmit = jest.fn();
    render(<RatingForm onSubmit={onSubmit} />);

    fireEvent.click(screen.getByText('满意'));
    fireEvent.click(screen.getByText('提交评价'));

    expect(screen.getByText('请回答问题是否已解决')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
