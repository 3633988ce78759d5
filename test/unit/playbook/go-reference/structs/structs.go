// The structs elodina/go-avro codegen makes from the runner's embedded schemas (src/core/playbook/schemas):
// records as pointers, a null-union of a primitive as interface{}, long as int64 (made from the schemas by those rules).
package main

type CredentialsRecord struct {
	AccessKeyId     string
	SecretAccessKey string
}

type StepsRecord struct {
	Name            string
	Type            string
	ActionOnFailure string
	Jar             string
	Arguments       []string
}

type TagsRecord struct {
	Key   string
	Value string
}

type PlaybookConfig struct {
	Region      string
	Credentials *CredentialsRecord
	Steps       []*StepsRecord
	Tags        []*TagsRecord
}

type RolesRecord struct {
	Jobflow string
	Service string
}

type ClassicRecord struct {
	AvailabilityZone string
}

type VPCRecord struct {
	SubnetId string
}

type LocationRecord struct {
	Classic *ClassicRecord
	Vpc     *VPCRecord
}

type VolumeSpecificationRecord struct {
	Iops       int64
	SizeInGB   int64
	VolumeType string
}

type EbsBlockDeviceConfigRecord struct {
	VolumesPerInstance  int64
	VolumeSpecification *VolumeSpecificationRecord
}

type EbsConfigurationRecord struct {
	EbsOptimized          bool
	EbsBlockDeviceConfigs []*EbsBlockDeviceConfigRecord
}

type MasterRecord struct {
	Type             string
	EbsConfiguration *EbsConfigurationRecord
}

type CoreRecord struct {
	Type             string
	Count            int64
	EbsConfiguration interface{}
}

type TaskRecord struct {
	Type             string
	Count            int64
	Bid              string
	EbsConfiguration interface{}
}

type InstancesRecord struct {
	Master *MasterRecord
	Core   *CoreRecord
	Task   *TaskRecord
}

type Ec2Record struct {
	AmiVersion string
	KeyName    string
	Location   *LocationRecord
	Instances  *InstancesRecord
}

type ScriptBootstrapActionRecord struct {
	Args []string
	Path string
}

type BootstrapActionConfigsRecord struct {
	Name                  string
	ScriptBootstrapAction *ScriptBootstrapActionRecord
}

type ConfigurationRecord struct {
	Classification string
	Properties     map[string]string
}

type ClusterConfig struct {
	Name                   string
	LogUri                 string
	Region                 string
	Credentials            *CredentialsRecord
	Roles                  *RolesRecord
	Ec2                    *Ec2Record
	Tags                   []*TagsRecord
	BootstrapActionConfigs []*BootstrapActionConfigsRecord
	Configurations         []*ConfigurationRecord
	Applications           []string
	SecurityConfiguration  string
}
