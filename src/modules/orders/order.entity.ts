import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('orders')
export class OrderEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'customer_id' }) customerId: string;
  @Column('uuid', { name: 'owner_id' }) ownerId: string;
  @Column('text') channel: string;
  @Column('uuid', { name: 'contract_id', nullable: true }) contractId: string | null;
  @Column('date', { name: 'received_on' }) receivedOn: string;
  @Column('text', { nullable: true }) reference: string | null;
  @Column('numeric', { precision: 18, scale: 2 }) amount: string;
  @Column('character', { length: 3 }) currency: string;
  @Column('text', { default: 'DRAFT' }) state: string;
  @Column('text', { name: 'state_reason', nullable: true }) stateReason: string | null;
  @Column('uuid', { name: 'approval_request_id', nullable: true }) approvalRequestId: string | null;
  @Column('text', { nullable: true }) notes: string | null;
  @Column('timestamptz', { name: 'released_at', nullable: true }) releasedAt: Date | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('order_lines')
export class OrderLineEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'order_id' }) orderId: string;
  @Column('integer') position: number;
  @Column('text') description: string;
  @Column('numeric', { precision: 18, scale: 3 }) quantity: string;
  @Column('numeric', { name: 'unit_price', precision: 18, scale: 2 }) unitPrice: string;
  @Column('numeric', { name: 'line_total', precision: 18, scale: 2 }) lineTotal: string;
}
