{{/* Name prefix of every object: the release name, or release-meridian when it does not contain "meridian". */}}
{{- define "meridian.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "meridian.labels" -}}
app.kubernetes.io/name: meridian
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: meridian
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
{{- end -}}

{{/* Selector labels of one component (a service name or "web"). Call with (list $ "crm"). */}}
{{- define "meridian.selector" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: meridian
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{/* Values of one service: serviceDefaults overridden by services.<name>. Call with (list $ "crm"); use with fromYaml. */}}
{{- define "meridian.service" -}}
{{- $root := index . 0 -}}
{{- $name := index . 1 -}}
{{- $svc := mergeOverwrite (deepCopy $root.Values.serviceDefaults) (deepCopy (index $root.Values.services $name)) -}}
{{- toYaml $svc -}}
{{- end -}}

{{- define "meridian.image" -}}
{{- $root := index . 0 -}}
{{- $name := index . 1 -}}
{{- $tag := index . 2 -}}
{{- printf "%s/%s:%s" (required "image.repository is required (Artifact Registry repository)" $root.Values.image.repository) $name (required "image.tag is required (the commit SHA)" $tag) -}}
{{- end -}}

{{/* Secret Manager secret of a service's env var: meridian-<service>-<env in kebab case>. */}}
{{- define "meridian.secretName" -}}
{{- printf "meridian-%s-%s" (index . 0) ((index . 1) | lower | replace "_" "-") -}}
{{- end -}}

{{- define "meridian.gsa" -}}
{{- $root := index . 0 -}}
{{- printf "%s-%s@%s.iam.gserviceaccount.com" $root.Values.gcp.serviceAccountPrefix (index . 1) (required "gcp.projectId is required" $root.Values.gcp.projectId) -}}
{{- end -}}

{{/* Non-secret environment of one service, as a YAML map. Call with (list $ "crm" $svc). */}}
{{- define "meridian.serviceEnv" -}}
{{- $root := index . 0 -}}
{{- $name := index . 1 -}}
{{- $svc := index . 2 -}}
{{- $fullname := include "meridian.fullname" $root -}}
NODE_ENV: production
LOG_LEVEL: {{ $root.Values.config.logLevel | quote }}
HTTP_HOST: 0.0.0.0
HTTP_PORT: "8080"
GRPC_HOST: 0.0.0.0
GRPC_PORT: "9090"
RUN_MIGRATIONS: "false"
DATABASE_POOL_SIZE: {{ $svc.databasePoolSize | quote }}
EVENT_BUS: pubsub
PUBSUB_PROJECT_ID: {{ required "gcp.projectId is required" $root.Values.gcp.projectId | quote }}
GOOGLE_CLOUD_PROJECT: {{ $root.Values.gcp.projectId | quote }}
AUTH_ISSUER: {{ $root.Values.config.authIssuer | quote }}
AUTH_AUDIENCE: {{ $root.Values.config.authAudience | quote }}
GRPC_DEADLINE_MS: {{ $root.Values.config.grpcDeadlineMs | quote }}
{{- if ne $name "users" }}
AUTH_JWKS_URL: {{ printf "http://%s-users:8080/api/v1/auth/jwks.json" $fullname | quote }}
{{- end }}
{{- if eq $name "workflow" }}
CRM_GRPC_URL: {{ printf "%s-crm:9090" $fullname | quote }}
{{- end }}
{{- with $root.Values.config.otelEndpoint }}
OTEL_EXPORTER_OTLP_ENDPOINT: {{ . | quote }}
{{- end }}
{{- range $k, $v := $svc.env }}
{{ $k }}: {{ $v | quote }}
{{- end }}
{{- end -}}

{{/* Cloud SQL Auth Proxy as a native sidecar (an init container that keeps running). */}}
{{- define "meridian.cloudSqlProxy" -}}
- name: cloud-sql-proxy
  image: {{ .Values.cloudSql.proxy.image }}
  restartPolicy: Always
  args:
    - --private-ip
    - --structured-logs
    - --port=5432
    - --health-check
    - --http-address=0.0.0.0
    # not the default 9090: that is the service's gRPC port in the same pod
    - --http-port=9801
    # keep serving while the app drains its connections after SIGTERM
    - --max-sigterm-delay=30s
    - {{ required "cloudSql.instanceConnectionName is required (project:region:instance)" .Values.cloudSql.instanceConnectionName | quote }}
  startupProbe:
    httpGet: { path: /startup, port: 9801 }
    periodSeconds: 1
    failureThreshold: 60
  livenessProbe:
    httpGet: { path: /liveness, port: 9801 }
    periodSeconds: 10
    failureThreshold: 3
  resources:
    {{- toYaml .Values.cloudSql.proxy.resources | nindent 4 }}
  securityContext:
    runAsNonRoot: true
    allowPrivilegeEscalation: false
    readOnlyRootFilesystem: true
    capabilities: { drop: [ALL] }
{{- end -}}

{{- define "meridian.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 1000
runAsGroup: 1000
fsGroup: 1000
seccompProfile: { type: RuntimeDefault }
{{- end -}}

{{- define "meridian.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities: { drop: [ALL] }
{{- end -}}
