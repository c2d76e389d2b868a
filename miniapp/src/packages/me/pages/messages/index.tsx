import { MyMessages } from '../../my-messages';

export default function MessagesPage() {
  return <MyMessages />;
}
