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

export enum DocumentState {
  DRAFT = 'DRAFT',
  IN_REVIEW = 'IN_REVIEW',
  ISSUED = 'ISSUED',
  ARCHIVED = 'ARCHIVED',
}

registerEnumType(DocumentState, {
  name: 'DocumentState',
  description: 'Where a document is: drafted, reviewed by the department head, issued, archived',
  valuesMap: {
    DRAFT: { description: 'Being written: its title, level and file may change' },
    IN_REVIEW: { description: 'Waiting for the department head (approval engine); frozen' },
    ISSUED: { description: 'Approved and numbered; changed only by a new version' },
    ARCHIVED: { description: 'Filed in the archive (in number order); read-only' },
  },
});

export enum Confidentiality {
  PUBLIC = 'PUBLIC',
  INTERNAL = 'INTERNAL',
  CONFIDENTIAL = 'CONFIDENTIAL',
  SECRET = 'SECRET',
}

registerEnumType(Confidentiality, {
  name: 'Confidentiality',
  description: 'Who may read a document (保密级别): by role, or by an explicit grant',
  valuesMap: {
    PUBLIC: { description: 'Anyone in the branch; may leave the company' },
    INTERNAL: { description: 'Anyone in the branch' },
    CONFIDENTIAL: {
      description:
        'Managers, head office, legal, finance and the archivist, its author, and people granted it; every read audited',
    },
    SECRET: {
      description:
        'The department head, head office and leadership, its author, and people granted it; every read audited',
    },
  },
});

export enum DocumentReadKind {
  METADATA = 'METADATA',
  FILE = 'FILE',
  LINK = 'LINK',
}

registerEnumType(DocumentReadKind, {
  name: 'DocumentReadKind',
  description: 'What was read of a confidential document',
  valuesMap: {
    METADATA: { description: 'The document itself (title, number, versions)' },
    FILE: { description: 'A file of it, downloaded' },
    LINK: { description: 'A download link to a file of it, made' },
  },
});
