import { useNavigate, useParams } from 'react-router';
import { ApplicationPage } from './ApplicationPage';
import { ApplicationsList } from './ApplicationsList';
import { ReportPage } from './ReportPage';

// The three pages of 依申请公开 as the frame routes them: /applications,
// /applications/report and /applications/:id.

export function ApplicationsRoute() {
  const navigate = useNavigate();
  return <ApplicationsList onOpen={(id) => navigate(`/applications/${id}`)} onReport={() => navigate('/applications/report')} />;
}

export function ApplicationRoute() {
  const { id } = useParams();
  const navigate = useNavigate();
  return <ApplicationPage key={id} id={id!} onBack={() => navigate('/applications')} onItem={(itemId) => navigate(`/items/${itemId}`)} />;
}

export function ReportRoute() {
  const navigate = useNavigate();
  return <ReportPage onTrace={(number) => navigate(`/applications?q=${encodeURIComponent(number)}`)} />;
}
