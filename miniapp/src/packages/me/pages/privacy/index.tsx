import { PrivacyGuide } from '../../privacy-guide';

export default function PrivacyGuidePage() {
  return <PrivacyGuide />;
}
