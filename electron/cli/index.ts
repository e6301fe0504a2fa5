import { resolve } from 'node:path';
import { packageVersion } from '../app/version';
import { auditCheck, auditExtract, auditVerify } from './audit';
import { backupCreate, backupRestore } from './backup';
import { bundleExport } from './bundle-export';
import { demo } from './demo';
import { runBundleVerifyCli } from '../export';
import { form } from './form';
import { redact } from './redact';
import { scan } from './scan';

// `mishen`: the same domain code as the app, headless. Messages are Chinese; exit
// codes are for scripts.

const ROOT = resolve(import.meta.dirname, '../..');

const HELP = `密审台（MiShen）命令行

用法：
  mishen --version
  mishen --help
  mishen audit verify --data <数据目录> --user <用户名> --password-stdin [--checkpoint <序号:哈希>]
      验证审计日志的哈希链和签名。退出码：0 全部通过；1 发现问题（给出第一条有问题记录的序号）；2 无法打开数据。
  mishen audit extract --data <数据目录> --user <安全审计员> --password-stdin (--from-seq <序号> --to-seq <序号> | --from <YYYY-MM-DD> --to <YYYY-MM-DD>) --out <文件夹>
      导出一段审计记录为签名摘录（JSON）和表格（CSV），导出记入审计日志。退出码：0 完成；2 无法完成。
  mishen audit check <摘录文件.json> [--trust sha256:<单位密钥指纹>]
      验证审计记录摘录的哈希、链接和签名，不需要数据目录。退出码：0 通过；1 未通过；2 无法读取。
  mishen scan <文件> [--json]
      用与程序相同的规则扫描文件中的密级标志、个人信息、须经批准的领域和过程性信息。
      退出码：0 扫描完成（无论有无发现）；2 文件无法读取。
  mishen redact <文件> --out <输出文件> [--all] [--text <文字>]… [--mask <模板>|<类别>=<模板>]… [--json]
      制作公开版本并核验（--all 删除扫描发现的全部内容，--text 增加要删除的文字，--mask 选择遮盖模板）。核验未通过时不写出文件。
      退出码：0 核验通过；1 核验未通过；2 文件无法读取。
  mishen form <种类> --data <数据目录> --item <事项编号> --user <用户名> --password-stdin --out <文件.pdf> [--ref <编号>] [--date <YYYY-MM-DD>] [--contact <联系人>]
      打印表单和函件（record 保密审查记录、review-table 信息发布保密审查表、escalation 报审函、consultation 征求意见函、
      third-party 征求第三方意见书、override-notice 决定公开告知书、declassification 解密备案报告、leak-report 泄密问题报告），
      PDF 同时加密保存在事项中并记入审计日志。退出码：0 完成；2 无法完成。
  mishen backup create --data <数据目录> --user <系统管理员> --password-stdin --out <备份位置>
      备份加密数据库和钥匙槽文件，附签名清单。退出码：0 完成；2 无法完成。
  mishen backup restore --from <备份文件夹> --data <空的数据目录> --user <用户名> --password-stdin [--checkpoint <序号:哈希>]
      核对清单、签名和审计日志后恢复到空目录。退出码：0 完成；1 已恢复但副本缺少检查点之后的记录；2 无法恢复。
  mishen bundle verify <发布包文件夹> --trust sha256:<单位密钥指纹>
      在互联网端验证发布包：逐项列出全部问题，不改动文件夹。退出码：0 有效；1 无效；2 无法读取。
  mishen bundle export --data <数据目录> --user <网站管理部门人员> --password-stdin --out <上级文件夹>
      把待发布队列中可以导出的事项导出为签名的发布包（只含公开版本）。退出码：0 已导出；1 没有可以导出的事项；2 无法完成。
  mishen demo --data <空的数据目录>
      建立演示数据（演示单位、各角色人员、五套制度下各种状态的事项），一次性显示各账号密码。
`;

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  'audit verify': auditVerify,
  'audit extract': auditExtract,
  'audit check': auditCheck,
  scan,
  redact,
  form,
  'backup create': backupCreate,
  'backup restore': backupRestore,
  demo,
  'bundle verify': runBundleVerifyCli,
  'bundle export': bundleExport,
};

export async function run(args: string[]): Promise<number> {
  if (args.includes('--version') || args.includes('-v')) {
    process.stdout.write(`${packageVersion(ROOT)}\n`);
    return 0;
  }
  if (args.length === 0 || args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  const two = `${args[0]} ${args[1] ?? ''}`;
  if (COMMANDS[two]) return COMMANDS[two](args.slice(2));
  if (COMMANDS[args[0]!]) return COMMANDS[args[0]!]!(args.slice(1));
  process.stderr.write(`未知命令：${args.join(' ')}\n\n${HELP}`);
  return 2;
}
