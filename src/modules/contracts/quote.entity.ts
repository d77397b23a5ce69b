import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('quotes')
export class QuoteEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'customer_id' }) customerId: string;
  @Column('uuid', { name: 'owner_id' }) ownerId: string;
  @Column('text') title: string;
  @Column('character', { length: 3 }) currency: string;
  @Column('date', { name: 'valid_until' }) validUntil: string;
  @Column('text', { default: 'DRAFT' }) state: string;
  @Column('text', { nullable: true }) notes: string | null;
  @Column('numeric', { precision: 18, scale: 2, default: 0 }) subtotal: string;
  @Column('numeric', { name: 'discount_amount', precision: 18, scale: 2, default: 0 }) discountAmount: string;
  @Column('numeric', { precision: 18, scale: 2, default: 0 }) total: string;
  @Column('numeric', { name: 'max_discount_percent', precision: 5, scale: 2, default: 0 }) maxDiscountPercent: string;
  @Column('uuid', { name: 'approval_request_id', nullable: true }) approvalRequestId: string | null;
  @Column('text', { name: 'approval_note', nullable: true }) approvalNote: string | null;
  @Column('text', { name: 'decline_reason', nullable: true }) declineReason: string | null;
  @Column('uuid', { name: 'contract_id', nullable: true }) contractId: string | null;
  @Column('timestamptz', { name: 'sent_at', nullable: true }) sentAt: Date | null;
  @Column('timestamptz', { name: 'next_reminder_at', nullable: true }) nextReminderAt: Date | null;
  @Column('timestamptz', { name: 'expires_at', nullable: true }) expiresAt: Date | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('quote_lines')
export class QuoteLineEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'quote_id' }) quoteId: string;
  @Column('integer') position: number;
  @Column('text') kind: string;
  @Column('text') description: string;
  @Column('numeric', { precision: 18, scale: 3 }) quantity: string;
  @Column('numeric', { name: 'unit_price', precision: 18, scale: 2 }) unitPrice: string;
  @Column('numeric', { name: 'discount_percent', precision: 5, scale: 2, default: 0 }) discountPercent: string;
  @Column('numeric', { name: 'gross_amount', precision: 18, scale: 2 }) grossAmount: string;
  @Column('numeric', { name: 'line_total', precision: 18, scale: 2 }) lineTotal: string;
}
