{{/* Names and labels. */}}
{{- define "agencydesk.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "agencydesk.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector labels of one component (web, worker, beat, migrations): call with
     (dict "root" $ "component" "web"). */}}
{{- define "agencydesk.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "agencydesk.image" -}}
{{ printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) | quote }}
{{- end -}}

{{- define "agencydesk.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "agencydesk.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "agencydesk.secretName" -}}
{{- default (printf "%s-env" (include "agencydesk.fullname" .)) .Values.existingSecret -}}
{{- end -}}

{{- define "agencydesk.mediaClaim" -}}
{{- default (printf "%s-media" (include "agencydesk.fullname" .)) .Values.media.existingClaim -}}
{{- end -}}

{{/* What every agencydesk container shares: image, environment, mounts, security. */}}
{{- define "agencydesk.containerCommon" -}}
image: {{ include "agencydesk.image" . }}
imagePullPolicy: {{ .Values.image.pullPolicy }}
envFrom:
  - configMapRef:
      name: {{ include "agencydesk.fullname" . }}-env
  - secretRef:
      name: {{ include "agencydesk.secretName" . }}
securityContext:
  {{- toYaml .Values.securityContext | nindent 2 }}
volumeMounts:
  - name: tmp
    mountPath: /tmp
  - name: data
    mountPath: /srv/agencydesk/data
{{- end -}}

{{- define "agencydesk.mediaMount" -}}
- name: media
  mountPath: /srv/agencydesk/media
{{- end -}}

{{/* Pod settings; the media volume only where asked: (dict "root" $ "media" true). */}}
{{- define "agencydesk.podCommon" -}}
{{- with .root }}
serviceAccountName: {{ include "agencydesk.serviceAccountName" . }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
volumes:
  # Writable scratch on a read-only root: Prometheus multiprocess files, beat's schedule
  # and heartbeat.
  - name: tmp
    emptyDir: {}
  - name: data
    emptyDir: {}
{{- end }}
{{- if .media }}
  - name: media
    persistentVolumeClaim:
      claimName: {{ include "agencydesk.mediaClaim" .root }}
{{- end }}
{{- end -}}

{{/* Restart pods when their configuration changes. */}}
{{- define "agencydesk.configChecksums" -}}
checksum/config: {{ include (print $.Template.BasePath "/configmap.yaml") . | sha256sum }}
checksum/secret: {{ include (print $.Template.BasePath "/secret.yaml") . | sha256sum }}
{{- end -}}
