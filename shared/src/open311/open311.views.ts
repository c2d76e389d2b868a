// The Open311 GeoReport v2 answers (/open311/v2/…) a partner system reads, as JSON or XML.

/** GeoReport v2 shapes, field names as the specification spells them. */

export interface ServiceView {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

export interface AttributeView {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values?: Array<{ key: string; name: string }>;
}

export interface ServiceDefinitionView {
  service_code: string;
  attributes: AttributeView[];
}

export interface ServiceRequestView {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string | null;
  updated_datetime: string | null;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}
