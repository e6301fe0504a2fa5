import {  } from '@mantine/core';
import type { ItemDetail } from '../../../../shared/types';
import { KeyValues } from '../../components/KeyValues';
import { Section } from './parts';

export function Fields({ item }: { item: ItemDetail }) {
  const f = item.fields;
  const rows: Array<[string, string]> = [
    ['文号', f.documentNumber],
    ['发布机构', f.issuer],
    ['承办部门', f.department],
    ['形成或变更日期', f.formedOn],
    ['主题分类', f.category],
    ['关键词', f.keywords.join('、')],
    ['内容摘要', f.summary],
    ['拟公开属性', f.disclosure],
    ['发布形式', f.publishForm],
    ['审查方式', f.reviewMode === '依申请审查' ? `依申请审查（申请编号 ${f.applicationNo}，${f.applicationReceivedOn} 收到）` : '主动审查'],
    ['联合制作机关', f.coProducers.join('、')],
    ['涉及的第三方', f.thirdParties.join('、')],
    ['标注密级', f.classification === 'none' ? '未标密级' : `${f.classification}（保密期限 ${f.classificationTerm}）`],
    ['须经批准的领域', f.specialDomains.join('、')],
    ['敏感内容和重要信息', f.sensitive ? '是' : '否'],
  ];
  return (
    <Section title="基本信息">
      <KeyValues rows={rows} />
    </Section>
  );
}
