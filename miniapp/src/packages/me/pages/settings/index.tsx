import { Settings } from '../../settings';

export default function SettingsPage() {
  return <Settings />;
}
