import type { Generated } from 'kysely';
import type { PeopleTables } from './people/tables';
import type { LiveTables } from './live/tables';
import type { AlertTables } from './live/alertTables';
import type { QualityTables } from './quality/tables';
import type { PerformanceTables } from './performance/tables';
import type { WfmTables } from './wfm/tables';
import type { KbTables } from './kb/tables';
import type { WorkOrderTables } from './workorders/tables';
import type { FactsTables } from './facts/tables';
import type { DutyTables } from './duty/tables';
import type { AssessmentTables } from './assessment/tables';
import type { GoalTables } from './goals/tables';
import type { CareerTables } from './careers/tables';
import type { PeerTables } from './peer/tables';
import type { FloorTables } from './floor/tables';

/** Tables of the platform (organisation, users, sessions, audit, settings). */
export interface PlatformTables {
  centers: { id: Generated<number>; name: string; timezone: string; created_at: number };
  teams: { id: Generated<number>; center_id: number; name: string; lead_user_id: number | null; created_at: number };
  agents: {
    id: Generated<number>;
    center_id: number;
    team_id: number | null;
    employee_no: string;
    name: string;
    hire_date: string;
    skill_level: string;
    status: string;
    left_date: string | null;
    ext_code: string | null;
    created_at: number;
  };
  agent_queues: { agent_id: number; queue: string };
  users: {
    id: Generated<number>;
    username: string;
    display_name: string;
    password_hash: string;
    agent_id: number | null;
    center_id: number | null;
    active: number;
    locale: string;
    created_at: number;
  };
  user_roles: { user_id: number; role: string };
  sessions: { id: string; user_id: number; csrf: string; created_at: number; expires_at: number };
  audit_log: {
    id: Generated<number>;
    at: number;
    user_id: number | null;
    action: string;
    entity: string;
    entity_id: string | null;
    detail: string | null;
    /** the center of the user who made the entry (the only center when they have none); null: administrators only */
    center_id: number | null;
  };
  settings: { center_id: number; key: string; value: string; updated_at: number };
  /** Personal notifications of every capability (src/store/notifications.ts). */
  notifications: { id: Generated<number>; user_id: number; at: number; kind: string; title: string; data: string; link: string | null; read_at: number | null };
  /** Notices that reach people (034_notice_delivery, src/store/noticeDelivery.ts). */
  notice_channels: {
    user_id: number;
    email: string | null;
    wecom_url: string | null;
    dingtalk_url: string | null;
    dingtalk_secret: string | null;
    updated_at: number;
  };
  notice_robots: {
    id: Generated<number>;
    center_id: number;
    channel: string;
    name: string;
    url: string;
    secret: string | null;
    kinds: string;
    locale: string;
    active: number;
    created_at: number;
  };
  notice_deliveries: {
    id: Generated<number>;
    center_id: number | null;
    user_id: number | null;
    robot_id: number | null;
    notification_id: number | null;
    kind: string;
    channel: string;
    subject: string;
    body: string;
    locale: string;
    link: string | null;
    status: string;
    attempts: number;
    next_at: number;
    last_error: string | null;
    created_at: number;
    sent_at: number | null;
  };
  /** Post-call satisfaction answers (015_facts_inputs); csat = satisfied / answers. */
  survey_answers: {
    id: Generated<number>;
    center_id: number;
    event_id: string;
    ts: number;
    call_id: string | null;
    agent_id: number;
    queue: string | null;
    score: number;
    scale_max: number;
    created_at: number;
  };
}

/** The whole database: one interface per capability, joined here. */
export interface DB
  extends
    PlatformTables,
    PeopleTables,
    LiveTables,
    AlertTables,
    QualityTables,
    PerformanceTables,
    WfmTables,
    KbTables,
    WorkOrderTables,
    FactsTables,
    DutyTables,
    AssessmentTables,
    GoalTables,
    CareerTables,
    PeerTables,
    FloorTables {}
