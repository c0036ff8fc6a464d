-- SHOW CREATE TABLE on MariaDB 10.11 of tables declared from upstream/*.yaml (DataJoint's rules: spec Part 1 §4)

-- schema_simple.#select_p_k
CREATE TABLE `#select_p_k` (
  `id` int(11) NOT NULL,
  `select` int(11) NOT NULL,
  PRIMARY KEY (`id`,`select`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='tests sql keyword escaping'

-- schema_simple.__e__f
CREATE TABLE `__e__f` (
  `id_a` int(11) NOT NULL,
  `id_b` int(11) NOT NULL,
  `id_d` int(11) NOT NULL,
  `id_f` int(11) NOT NULL,
  `id_c` int(11) NOT NULL,
  PRIMARY KEY (`id_a`,`id_b`,`id_d`,`id_f`),
  KEY `id_a` (`id_a`,`id_b`,`id_c`),
  CONSTRAINT `__e__f_ibfk_1` FOREIGN KEY (`id_a`, `id_b`, `id_d`) REFERENCES `__e` (`id_a`, `id_b`, `id_d`) ON UPDATE CASCADE,
  CONSTRAINT `__e__f_ibfk_2` FOREIGN KEY (`id_a`, `id_b`, `id_c`) REFERENCES `__b__c` (`id_a`, `id_b`, `id_c`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci

-- schema_simple.__e__m
CREATE TABLE `__e__m` (
  `id_a` int(11) NOT NULL,
  `id_b` int(11) NOT NULL,
  `id_d` int(11) NOT NULL,
  `id_m` int(11) NOT NULL,
  `id_h` int(11) NOT NULL,
  PRIMARY KEY (`id_a`,`id_b`,`id_d`,`id_m`),
  KEY `id_a` (`id_a`,`id_b`,`id_d`,`id_h`),
  CONSTRAINT `__e__m_ibfk_1` FOREIGN KEY (`id_a`, `id_b`, `id_d`) REFERENCES `__e` (`id_a`, `id_b`, `id_d`) ON UPDATE CASCADE,
  CONSTRAINT `__e__m_ibfk_2` FOREIGN KEY (`id_a`, `id_b`, `id_d`, `id_h`) REFERENCES `__e__h` (`id_a`, `id_b`, `id_d`, `id_h`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='test force_masters revisit'

-- schema_simple.profile__website
CREATE TABLE `profile__website` (
  `ssn` char(11) NOT NULL,
  `url_hash` binary(16) NOT NULL COMMENT ':uuid:',
  PRIMARY KEY (`ssn`,`url_hash`),
  KEY `url_hash` (`url_hash`),
  CONSTRAINT `profile__website_ibfk_1` FOREIGN KEY (`ssn`) REFERENCES `profile` (`ssn`) ON UPDATE CASCADE,
  CONSTRAINT `profile__website_ibfk_2` FOREIGN KEY (`url_hash`) REFERENCES `#website` (`url_hash`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci

-- schema_simple.#website
CREATE TABLE `#website` (
  `url_hash` binary(16) NOT NULL COMMENT ':uuid:',
  `url` varchar(1000) NOT NULL,
  PRIMARY KEY (`url_hash`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci

-- schema_simple.reserved_word
CREATE TABLE `reserved_word` (
  `key` int(11) NOT NULL,
  `in` varchar(25) NOT NULL,
  `from` varchar(25) NOT NULL,
  `int` int(11) NOT NULL,
  `select` varchar(25) NOT NULL,
  PRIMARY KEY (`key`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci

-- schema_simple.#outfit_launch__outfit_piece
CREATE TABLE `#outfit_launch__outfit_piece` (
  `release_id` int(11) NOT NULL,
  `piece` varchar(20) NOT NULL,
  PRIMARY KEY (`release_id`,`piece`),
  CONSTRAINT `#outfit_launch__outfit_piece_ibfk_1` FOREIGN KEY (`release_id`) REFERENCES `#outfit_launch` (`release_id`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci

-- schema_advanced.parent
CREATE TABLE `parent` (
  `person_id` int(11) NOT NULL,
  `parent_sex` enum('M','F') NOT NULL,
  `parent` int(11) NOT NULL,
  PRIMARY KEY (`person_id`,`parent_sex`),
  KEY `parent` (`parent`),
  CONSTRAINT `parent_ibfk_1` FOREIGN KEY (`person_id`) REFERENCES `person` (`person_id`) ON UPDATE CASCADE,
  CONSTRAINT `parent_ibfk_2` FOREIGN KEY (`parent`) REFERENCES `person` (`person_id`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci

-- schema_advanced.subject
CREATE TABLE `subject` (
  `subject` int(11) NOT NULL,
  `person_id` int(11) DEFAULT NULL,
  PRIMARY KEY (`subject`),
  UNIQUE KEY `person_id` (`person_id`),
  CONSTRAINT `subject_ibfk_1` FOREIGN KEY (`person_id`) REFERENCES `person` (`person_id`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci

-- schema_advanced.input_cell
CREATE TABLE `input_cell` (
  `prep` int(11) NOT NULL,
  `slice` int(11) NOT NULL,
  `cell` int(11) NOT NULL,
  `input` int(11) NOT NULL,
  PRIMARY KEY (`prep`,`slice`,`cell`,`input`),
  KEY `prep` (`prep`,`slice`,`input`),
  CONSTRAINT `input_cell_ibfk_1` FOREIGN KEY (`prep`, `slice`, `cell`) REFERENCES `cell` (`prep`, `slice`, `cell`) ON UPDATE CASCADE,
  CONSTRAINT `input_cell_ibfk_2` FOREIGN KEY (`prep`, `slice`, `input`) REFERENCES `cell` (`prep`, `slice`, `cell`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='a synapse within the slice'

-- schema_advanced.global_synapse
CREATE TABLE `global_synapse` (
  `prep` int(11) NOT NULL,
  `pre_slice` int(11) NOT NULL,
  `pre_cell` int(11) NOT NULL,
  `post_slice` int(11) NOT NULL,
  `post_cell` int(11) NOT NULL,
  PRIMARY KEY (`prep`,`pre_slice`,`pre_cell`,`post_slice`,`post_cell`),
  KEY `prep` (`prep`,`post_slice`,`post_cell`),
  CONSTRAINT `global_synapse_ibfk_1` FOREIGN KEY (`prep`, `pre_slice`, `pre_cell`) REFERENCES `cell` (`prep`, `slice`, `cell`) ON UPDATE CASCADE,
  CONSTRAINT `global_synapse_ibfk_2` FOREIGN KEY (`prep`, `post_slice`, `post_cell`) REFERENCES `cell` (`prep`, `slice`, `cell`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='a synapse within the slice'

-- schema_uuid.__item
CREATE TABLE `__item` (
  `item_id` binary(16) NOT NULL COMMENT ':uuid:internal identification of',
  `topic_id` binary(16) NOT NULL COMMENT ':uuid:internal identification of a topic, reflects topic name',
  `word` varchar(8000) NOT NULL,
  PRIMARY KEY (`item_id`),
  KEY `topic_id` (`topic_id`),
  CONSTRAINT `__item_ibfk_1` FOREIGN KEY (`topic_id`) REFERENCES `topic` (`topic_id`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci

-- schema_external.__image
CREATE TABLE `__image` (
  `seed` int(11) NOT NULL,
  `dim` int(11) NOT NULL,
  `img` binary(16) NOT NULL COMMENT ':blob@share:objects are stored as specified by dj.config[''stores''][''share'']',
  `neg` binary(16) NOT NULL COMMENT ':blob@local:objects are stored as specified by dj.config[''stores''][''local'']',
  PRIMARY KEY (`seed`,`dim`),
  KEY `dim` (`dim`),
  KEY `img` (`img`),
  KEY `neg` (`neg`),
  CONSTRAINT `__image_ibfk_1` FOREIGN KEY (`seed`) REFERENCES `#seed` (`seed`) ON UPDATE CASCADE,
  CONSTRAINT `__image_ibfk_2` FOREIGN KEY (`dim`) REFERENCES `#dimension` (`dim`) ON UPDATE CASCADE,
  CONSTRAINT `__image_ibfk_3` FOREIGN KEY (`img`) REFERENCES `~external_share` (`hash`),
  CONSTRAINT `__image_ibfk_4` FOREIGN KEY (`neg`) REFERENCES `~external_local` (`hash`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='table for storing'

-- schema_external.attach
CREATE TABLE `attach` (
  `attach` int(11) NOT NULL,
  `img` binary(16) NOT NULL COMMENT ':attach@share:attachments are stored as specified by: dj.config[''stores''][''raw'']',
  `txt` longblob NOT NULL COMMENT ':attach:attachments are stored directly in the database',
  PRIMARY KEY (`attach`),
  KEY `img` (`img`),
  CONSTRAINT `attach_ibfk_1` FOREIGN KEY (`img`) REFERENCES `~external_share` (`hash`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='table for storing attachments'

-- schema_external.filepath
CREATE TABLE `filepath` (
  `fnum` int(11) NOT NULL COMMENT 'test comment containing :',
  `img` binary(16) NOT NULL COMMENT ':filepath@repo:managed files',
  PRIMARY KEY (`fnum`),
  KEY `img` (`img`),
  CONSTRAINT `filepath_ibfk_1` FOREIGN KEY (`img`) REFERENCES `~external_repo` (`hash`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='table for file management'

-- schema_external.~external_share
CREATE TABLE `~external_share` (
  `hash` binary(16) NOT NULL COMMENT ':uuid:hash of contents (blob), of filename + contents (attach), or relative filepath (filepath)',
  `size` bigint(20) unsigned NOT NULL COMMENT 'size of object in bytes',
  `attachment_name` varchar(255) DEFAULT NULL COMMENT 'the filename of an attachment',
  `filepath` varchar(1000) DEFAULT NULL COMMENT 'relative filepath or attachment filename',
  `contents_hash` binary(16) DEFAULT NULL COMMENT ':uuid:used for the filepath datatype',
  `timestamp` timestamp NOT NULL DEFAULT current_timestamp() COMMENT 'automatic timestamp',
  PRIMARY KEY (`hash`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='external storage tracking'

-- schema_adapted.layout
CREATE TABLE `layout` (
  `connid` int(11) NOT NULL,
  `layout` binary(16) NOT NULL COMMENT ':<layout_to_filepath>:',
  PRIMARY KEY (`connid`),
  KEY `layout` (`layout`),
  CONSTRAINT `layout_ibfk_1` FOREIGN KEY (`connid`) REFERENCES `connectivity` (`connid`) ON UPDATE CASCADE,
  CONSTRAINT `layout_ibfk_2` FOREIGN KEY (`layout`) REFERENCES `~external_repo-s3` (`hash`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='stores graph layout'

-- schema_adapted.connectivity
CREATE TABLE `connectivity` (
  `connid` int(11) NOT NULL,
  `conn_graph` longblob DEFAULT NULL COMMENT ':<graph>:',
  PRIMARY KEY (`connid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci

-- schema_aggr_regress.#b
CREATE TABLE `#b` (
  `id` int(11) NOT NULL,
  `id2` int(11) NOT NULL,
  PRIMARY KEY (`id`,`id2`),
  CONSTRAINT `#b_ibfk_1` FOREIGN KEY (`id`) REFERENCES `#a` (`id`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci

-- schema_privileges.__child
CREATE TABLE `__child` (
  `id` int(11) NOT NULL,
  PRIMARY KEY (`id`),
  CONSTRAINT `__child_ibfk_1` FOREIGN KEY (`id`) REFERENCES `#parent` (`id`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci
