import { registerEnumType } from '@nestjs/graphql';

export enum DocumentKind {
  NOTICE = 'NOTICE',
  REPORT = 'REPORT',
  PLAN = 'PLAN',
  SUMMARY = 'SUMMARY',
  CONTRACT = 'CONTRACT',
  AGREEMENT = 'AGREEMENT',
  LETTER = 'LETTER',
  CERTIFICATE = 'CERTIFICATE',
  QUALIFICATION = 'QUALIFICATION',
}

registerEnumType(DocumentKind, {
  name: 'DocumentKind',
  description: 'What a document is (文档类型): internal (notice, report, plan, summary) or external',
  valuesMap: {
    NOTICE: { description: 'Internal notice (通知)' },
    REPORT: { description: 'Internal report (报告)' },
    PLAN: { description: 'Internal plan (计划)' },
    SUMMARY: { description: 'Internal summary (总结)' },
    CONTRACT: { description: 'External: a contract (合同)' },
    AGREEMENT: { description: 'External: an agreement (协议)' },
    LETTER: { description: 'External: a letter (函件)' },
    CERTIFICATE: { description: 'External: a certificate (证书)' },
    QUALIFICATION: { description: 'External: a qualification file (资质文件)' },
  },
});
