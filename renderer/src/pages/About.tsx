import { Code, Stack, Text, Title } from '@mantine/core';
import { KeyValues } from '../components/KeyValues';
import type { AppInfo, SessionInfo } from '../../../shared/types';

export function AboutPage({ info, session }: { info: AppInfo; session: SessionInfo }) {
  const rows: Array<[string, React.ReactNode]> = [
    ['产品', info.productName],
    ['版本', <span data-testid="version">{info.version}</span>],
    ['运行方式', info.host === 'electron' ? '桌面程序' : '浏览器宿主（开发与测试用）'],
    ['数据目录', <Code data-testid="data-dir">{info.dataDir}</Code>],
    ['单位', session.organization?.name ?? ''],
    ['单位签名密钥指纹', <Code>{session.organization?.keyFingerprint ?? ''}</Code>],
  ];
  return (
    <Stack>
      <Title order={3}>关于</Title>
      <KeyValues rows={rows} maw={800} />
      <Text size="sm" c="dimmed">
        数据库及所有文件均加密保存在数据目录中；本程序不进行任何网络连接。
      </Text>
    </Stack>
  );
}
