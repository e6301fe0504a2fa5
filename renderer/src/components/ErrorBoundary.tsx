import { Alert, Button, Container, Stack, Text } from '@mantine/core';
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  failed: boolean;
}

/** Any rendering fault shows a Chinese message instead of a blank window. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(_error: Error, _info: ErrorInfo): void {
    // Deliberately not logged: the error may carry document text.
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Container size="sm" py="xl">
        <Alert color="red" title="界面出现错误" role="alert">
          <Stack>
            <Text>页面发生了意外错误，当前操作未完成。已保存的数据不受影响。</Text>
            <Button variant="light" onClick={() => window.location.reload()}>
              重新加载
            </Button>
          </Stack>
        </Alert>
      </Container>
    );
  }
}
